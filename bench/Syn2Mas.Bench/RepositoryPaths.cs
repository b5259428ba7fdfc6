namespace Syn2Mas.Bench;

/// <summary>The repository's fixtures, found by walking up from the program's own folder to the one holding Syn2Mas.sln.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    public static string Root => LazyRoot.Value;

    public static string Fixture(params string[] parts) => Path.Combine([Root, "fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Syn2Mas.sln")))
            {
                return folder.FullName;
            }
        }

        throw new GeneratorException($"No Syn2Mas.sln above {AppContext.BaseDirectory}: run the generator from the repository (dotnet run --project bench/Syn2Mas.Bench).");
    }
}
