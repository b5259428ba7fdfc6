namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>Where the repository's fixtures and the shared spec are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The spec the project is written against, kept beside the repository in <c>../shared/spec</c>.</summary>
    public static string Spec
    {
        get
        {
            var spec = Path.GetFullPath(Path.Combine(Root, "..", "shared", "spec"));
            return Directory.Exists(spec)
                ? spec
                : throw new InvalidOperationException(
                    $"The spec folder {spec} is missing: the fixture-versus-spec tests read it. Check out the shared folder beside the repository.");
        }
    }

    public static string Fixture(params string[] parts) => Path.Combine([Fixtures, .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Syn2Mas.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Syn2Mas.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }
}
