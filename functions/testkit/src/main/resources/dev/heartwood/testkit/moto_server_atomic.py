"""moto server with S3's conditional PUT made atomic.

moto checks If-Match / If-None-Match and then writes, with nothing held in between, while its
server answers requests on many threads: two writers can both pass the check and one update is
lost. Real S3 does not lose it, and Heartwood's memory store relies on that, so the test harness
runs moto through this file, which holds one lock around each PUT of an object.
"""
import sys
import threading

from moto.s3.responses import S3Response
from moto.server import main

_PUT_LOCK = threading.Lock()
_put_object = S3Response.put_object


def _atomic_put_object(self):
    with _PUT_LOCK:
        return _put_object(self)


S3Response.put_object = _atomic_put_object

if __name__ == "__main__":
    sys.exit(main())
