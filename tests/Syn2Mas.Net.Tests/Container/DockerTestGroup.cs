namespace Syn2Mas.Net.Tests.Container;

/// <summary>
/// The tests that need the Docker engine share one published binary and one image per test run, and run one
/// after another: each container of the engine's vfs storage is a full copy of its image.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DockerTestGroup : ICollectionFixture<ContainerArtifacts>
{
    public const string Name = "Docker";
}
