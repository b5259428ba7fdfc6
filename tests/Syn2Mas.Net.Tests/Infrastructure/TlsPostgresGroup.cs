namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>The tests that share one <see cref="TlsPostgresServer"/>; they run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class TlsPostgresGroup : ICollectionFixture<TlsPostgresServer>
{
    public const string Name = "PostgreSQL with TLS";
}
