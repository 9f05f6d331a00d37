-- Every completed run of the jobs that read raw events, with its date or period (JobRepository tables).
SELECT i.job_name,
    max(CASE WHEN p.parameter_name = 'date' THEN p.parameter_value END) AS date,
    max(CASE WHEN p.parameter_name = 'period' THEN p.parameter_value END) AS period,
    max(CASE WHEN p.parameter_name = 'period_type' THEN p.parameter_value END) AS period_type
FROM batch_job_instance i
JOIN batch_job_execution e ON e.job_instance_id = i.job_instance_id
JOIN batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
WHERE e.status = 'COMPLETED'
    AND i.job_name IN ('daily-metrics', 'revenue-analytics', 'cohort-analytics', 'partner-revenue')
GROUP BY i.job_name, e.job_execution_id
