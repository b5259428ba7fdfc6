using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Container;

/// <summary>
/// What the container tests run: the linux-x64 binary of <c>scripts/publish.sh</c> and the image
/// <c>scripts/build-image.sh</c> makes from it (the Dockerfile's <c>prebuilt</c> stage on the offline base),
/// built once per test run under a name of its own and removed afterwards.
/// </summary>
/// <remarks>
/// There is no Docker engine to skip to: without one these tests fail and say how to get one.
/// <c>scripts/test.sh</c> starts an engine when none answers (scripts/test-env.sh).
/// </remarks>
public sealed class ContainerArtifacts : IAsyncLifetime
{
    public static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(20);

    public static readonly TimeSpan RunLimit = TimeSpan.FromMinutes(5);

    /// <summary>The offline base image: Debian with no .NET, as scripts/build-base-image.sh makes it.</summary>
    public const string BaseImage = "syn2mas-net/runtime-deps:bookworm";

    public string Image { get; } = $"syn2mas-net-test:{Guid.NewGuid():N}";

    public string Binary { get; } = Path.Combine(RepoPaths.Root, "artifacts", "publish", "linux-x64", "syn2mas-net");

    public async Task InitializeAsync()
    {
        var info = await ProcessRun.RunAsync("docker", ["info", "--format", "{{.ServerVersion}}"], TimeSpan.FromMinutes(1));
        Assert.True(info.ExitCode == 0,
            "no Docker engine answers (`docker info` failed), and the container image and standalone binary tests need one: "
            + "run the suite with `bash scripts/test.sh`, which starts an engine, or start dockerd yourself.\n" + info.Output);

        var build = await ProcessRun.RunAsync("bash", ["scripts/build-image.sh", "--tag", Image], BuildLimit);
        Assert.True(build.ExitCode == 0, build.Output);
    }

    public async Task DisposeAsync() =>
        await ProcessRun.RunAsync("docker", ["image", "rm", "--force", Image], RunLimit);

    /// <summary><c>docker ARGS</c>, with its output.</summary>
    public static Task<ProcessRun> DockerAsync(params string[] arguments) => ProcessRun.RunAsync("docker", arguments, RunLimit);
}
