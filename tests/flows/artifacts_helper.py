"""Reading a flow run's artifacts back from the Prefect API, as the UI shows them."""

from __future__ import annotations

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId


def artifacts_of(flow_run_id) -> dict[str, object]:
    """key → artifact of the run (the newest when a key was written twice)."""
    with get_client(sync_client=True) as client:
        found = client.read_artifacts(
            artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id]))
        )
    return {artifact.key: artifact for artifact in sorted(found, key=lambda a: a.created) if artifact.key}
