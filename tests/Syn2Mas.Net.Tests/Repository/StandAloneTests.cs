using System.Text.RegularExpressions;
using Syn2Mas.Net.Tests.Infrastructure;

namespace Syn2Mas.Net.Tests.Repository;

/// <summary>
/// A clone in any folder, with nothing beside it, must build and pass: no tracked file may reach outside the
/// repository, whether by a path to a sibling folder, an absolute path of one machine, or <c>..</c> steps that
/// climb above the repository's root from the file's own folder.
/// </summary>
public sealed partial class StandAloneTests
{
    // Assembled from pieces, so that this file does not match its own patterns.
    private static readonly string[] ForbiddenTexts =
    [
        "." + "./shared",
        "shared" + "/spec",
        "shared" + "/context",
        "/" + "work/",
        "/tmp/" + "issue",
    ];

    [Fact]
    public async Task No_tracked_file_names_a_folder_outside_the_repository()
    {
        var offences = new List<string>();
        foreach (var file in await TrackedTextFilesAsync())
        {
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, file));
            for (var index = 0; index < lines.Length; index++)
            {
                foreach (var text in ForbiddenTexts.Where(text => lines[index].Contains(text, StringComparison.Ordinal)))
                {
                    offences.Add($"{file}:{index + 1}: {text}");
                }
            }
        }

        Assert.True(offences.Count == 0, "files reach outside the repository:\n" + string.Join('\n', offences));
    }

    [Fact]
    public async Task No_relative_path_climbs_above_the_repository_root()
    {
        var offences = new List<string>();
        var checkedFiles = 0;
        foreach (var file in await TrackedTextFilesAsync())
        {
            checkedFiles++;
            var depth = file.Count(c => c == '/');
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, file));
            for (var index = 0; index < lines.Length; index++)
            {
                foreach (Match match in ParentSteps().Matches(lines[index]))
                {
                    var climbs = Regex.Count(match.Value, @"\.\.");
                    if (climbs > depth)
                    {
                        offences.Add($"{file}:{index + 1}: {match.Value} climbs {climbs} folders from a file {depth} below the root");
                    }
                }

                // A path assembled in code from the root or the test folder must not step out either.
                if (file.EndsWith(".cs", StringComparison.Ordinal) && lines[index].Contains("\"..\"", StringComparison.Ordinal))
                {
                    offences.Add($"{file}:{index + 1}: a \"..\" path step in code");
                }
            }
        }

        Assert.True(checkedFiles > 100, $"only {checkedFiles} tracked files were read");
        Assert.True(offences.Count == 0, "paths climb out of the repository:\n" + string.Join('\n', offences));
    }

    [Fact]
    public void The_guard_sees_a_climb_out_of_the_root()
    {
        // From scripts/ (one below the root), one step stays inside and two leave. (The step is spelt in
        // two halves here, since this file is scanned too.)
        const string Up = "." + ".";
        Assert.Equal(Up, ParentSteps().Match("cd ../fixtures").Value);
        Assert.Equal(Up, ParentSteps().Match("cd \"$(dirname \"$0\")/..\"").Value);
        Assert.Equal(2, Regex.Count(ParentSteps().Match("cat ../../outside/x").Value, @"\.\."));
        Assert.Empty(ParentSteps().Matches("a range [..end], an ellipsis... and {1..100}"));
    }

    /// <summary>The repository's tracked files that are text (fixtures' SQL included), as paths with <c>/</c>.</summary>
    private static async Task<List<string>> TrackedTextFilesAsync()
    {
        var git = await ProcessRun.RunAsync("git", ["-C", RepoPaths.Root, "ls-files", "-z"], TimeSpan.FromMinutes(2));
        Assert.True(git.ExitCode == 0, git.Output);
        var output = git.Stdout;
        return output.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(file => File.Exists(Path.Combine(RepoPaths.Root, file)))
            .Where(file => !File.ReadAllBytes(Path.Combine(RepoPaths.Root, file)).AsSpan().Contains((byte)0))
            .ToList();
    }

    /// <summary>A run of <c>..</c> path steps: <c>../..</c>, <c>..\..</c>, a trailing <c>/..</c>.</summary>
    [GeneratedRegex(@"(?<![\w.\[])\.\.(?:[/\\]\.\.)*(?=[/\\""'\s)]|$)")]
    private static partial Regex ParentSteps();
}
