using Syn2Mas.Bench.Data;

namespace Syn2Mas.Bench.Sinks;

/// <summary>A database being filled: rows go in, then <see cref="CompleteAsync"/> finishes it (indexes, statistics).</summary>
internal interface ISynapseLoad : ISynapseRowSink, IAsyncDisposable
{
    /// <summary>Finishes the load; <paramref name="phase"/> hears the name of each slow step as it starts.</summary>
    Task CompleteAsync(Action<string> phase, CancellationToken cancellationToken);
}
