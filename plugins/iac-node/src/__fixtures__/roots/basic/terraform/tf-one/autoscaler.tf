# only when cluster_autoscaling_enabled
