"""`python3 -m moto_ext -H 127.0.0.1 -p PORT`: moto's server with the extensions loaded."""

import moto_ext  # noqa: F401  (applies the extensions)
from moto.server import main

main()
