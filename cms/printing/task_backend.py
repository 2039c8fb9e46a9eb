"""A django-tasks backend that runs tasks after the request, in one background thread of the web process.

Enough for a single-server service centre without a separate worker; tests use the ImmediateBackend."""

from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id

_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tasks")


class ThreadBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        task_result = TaskResult(
            task=task, id=get_random_id(), status=TaskResultStatus.READY, enqueued_at=None, started_at=None,
            last_attempted_at=None, finished_at=None, args=args, kwargs=kwargs, backend=self.alias, errors=[], worker_ids=[],
        )

        def run():
            close_old_connections()
            try:
                self._execute_task(task_result)
            finally:
                close_old_connections()

        _executor.submit(run)
        return task_result
