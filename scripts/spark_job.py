"""The Spark job's entry for spark-submit (the library itself goes in with --py-files service.zip):

    zip -qr service.zip service
    spark-submit --master yarn --py-files service.zip scripts/spark_job.py hdfs:///corpus --out hdfs:///scored
"""

import sys

from service.spark_job import main

if __name__ == "__main__":
    sys.exit(main())
