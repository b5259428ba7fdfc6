using Syn2Mas.Net.Synapse;

namespace Syn2Mas.Net.Tests.Advisor;

/// <summary>A Synapse database built for one test, opened the way the tool opens it (read-only, one snapshot).</summary>
public sealed class SynapseTestSource : IAsyncDisposable
{
    private readonly Func<ValueTask> _dropDatabase;

    internal SynapseTestSource(SynapseSource source, Func<ValueTask> dropDatabase)
    {
        Source = source;
        _dropDatabase = dropDatabase;
    }

    internal SynapseSource Source { get; }

    public async ValueTask DisposeAsync()
    {
        await Source.DisposeAsync();
        await _dropDatabase();
    }
}
