"""The locust users of the load test (`python -m bench.beban`); locust loads `locustfile.py`."""
