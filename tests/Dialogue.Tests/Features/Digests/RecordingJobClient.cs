using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Dialogue.Tests.Features.Digests;

/// <summary>
/// Stands in for Hangfire's client in digest tests: records what would be enqueued. Hangfire's own client logs
/// through a process-wide log provider that points at whichever test host started last, which may already be
/// disposed when many hosts run in parallel.
/// </summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    public ConcurrentQueue<Job> Jobs { get; } = new();

    public string Create(Job job, IState state)
    {
        Jobs.Enqueue(job);
        return Guid.NewGuid().ToString("N");
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => true;
}
