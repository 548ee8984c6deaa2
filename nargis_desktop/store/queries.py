"""SQL rules shared by the services and the analytics, so they can't drift apart."""

#: A task is overdue once its due instant has passed; an all-day task only once its
#: day is over. Parameters, in order: now, start of today (both UTC ISO).
OVERDUE = ("(due_at IS NOT NULL AND ((due_all_day = 0 AND due_at < ?) OR "
           "(due_all_day = 1 AND due_at < ?)))")
