"""Tally nightly batch jobs as an Airflow DAG (Airflow 2.4+).

Each task runs one job for the DAG run's logical date ({{ ds }}), so backfills and reruns of a date
call the same command the scheduler would. Exit codes: 1 failed -> Airflow retries, and the retry
resumes the failed run; 2 bad arguments, an invalid setting or a run the data does not allow -> the
task fails (its retries fail the same way, changing nothing); 3 already running elsewhere -> skipped.
"""
from datetime import date, datetime, timedelta

from airflow import DAG
from airflow.operators.bash import BashOperator

TALLY = "cd /opt/tally && infra/tally batch"


def month_before(ds: str) -> str:
    """The month that ended before the DAG run's date, as partner-revenue's --period (YYYY-MM)."""
    first = date.fromisoformat(ds).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


with DAG(
    dag_id="tally_nightly",
    description="Tally nightly rollups: daily metrics, revenue, cohorts, partner revenue, reconciliation, retention",
    schedule="15 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    max_active_runs=1,
    default_args={
        "owner": "data-platform",
        "retries": 2,
        "retry_delay": timedelta(minutes=10),
        "execution_timeout": timedelta(hours=2),
    },
    tags=["tally", "batch"],
    user_defined_macros={"month_before": month_before},
) as dag:

    def job(name: str, extra: str = "--date {{ ds }}") -> BashOperator:
        return BashOperator(
            task_id=name.replace("-", "_"),
            bash_command=f"{TALLY} {name} {extra} --json",
            skip_on_exit_code=3,
        )

    daily_metrics = job("daily-metrics")
    revenue_analytics = job("revenue-analytics")
    cohort_analytics = job("cohort-analytics")
    reconcile = job("reconcile")
    retention = job("retention")
    # every night for the month before: a rerun of a month replaces only its calculated rows, and an
    # approved, paid or disputed statement is never recomputed, so the nights after the 1st change
    # nothing unless late invoices arrived
    partner_revenue = job("partner-revenue", "--period-type monthly --period {{ month_before(ds) }}")

    [daily_metrics, revenue_analytics] >> reconcile
    [daily_metrics, revenue_analytics, cohort_analytics, partner_revenue] >> retention
