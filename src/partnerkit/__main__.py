"""`python -m partnerkit`."""

from partnerkit.entry import main

main()
