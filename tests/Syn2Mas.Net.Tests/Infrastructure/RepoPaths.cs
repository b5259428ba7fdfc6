namespace Syn2Mas.Net.Tests.Infrastructure;

/// <summary>Where the repository's fixtures and documents are, found from the test assembly's folder.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Fixtures => Path.Combine(Root, "fixtures");

    /// <summary>The project's own documents, whose schema tables the fixture tests read.</summary>
    public static string Docs => Path.Combine(Root, "docs");

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
