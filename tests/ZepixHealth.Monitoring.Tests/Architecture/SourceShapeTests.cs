using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Architecture;

/// <summary>
/// The shape every change keeps: files and methods short enough to read, and the core library's
/// folders depending on each other in one direction only, with <c>Model/</c> and <c>Options/</c>
/// shared by all. See docs/architecture.md.
/// </summary>
public class SourceShapeTests
{
    private const int MaxFileLines = 400;
    private const int MaxMethodLines = 60;

    private static readonly string[] SharedFolders = ["Model", "Options"];

    [Test]
    public void SourceFiles_InEverySrcProject_HaveAtMost400Lines()
    {
        var tooLong = SrcFiles().Where(f => f.Lines.Length > MaxFileLines).Select(f => $"{f.RelativePath}: {f.Lines.Length} lines");

        tooLong.Should().BeEmpty($"no file in src/ is over {MaxFileLines} lines");
    }

    [Test]
    public void Methods_InEverySrcProject_HaveAtMost60Lines()
    {
        var tooLong = SrcFiles().SelectMany(MethodSpan.Find).Where(m => m.LineCount > MaxMethodLines)
            .Select(m => $"{m.File}:{m.FirstLine} {m.Signature}: {m.LineCount} lines");

        tooLong.Should().BeEmpty($"no method in src/ is over {MaxMethodLines} lines");
    }

    [Test]
    public void MethodSpan_OnALongMethod_CountsItFromSignatureToClosingBrace()
    {
        var file = Core().Single(f => f.RelativePath == "Hosting/HealthCycle.cs");

        var run = MethodSpan.Find(file).Should().ContainSingle(m => m.Signature.Contains("RunAsync", StringComparison.Ordinal)).Subject;

        run.LineCount.Should().BeInRange(30, MaxMethodLines, "RunAsync spans its whole body, not only its first block");
    }

    [Test]
    public void SharedFolders_OfTheCore_DependOnNothingButModel()
    {
        var graph = FolderGraph(Core());

        graph.GetValueOrDefault("Model", []).Should().BeEmpty("Model/ holds records that depend on nothing");
        graph.GetValueOrDefault("Options", []).Should().BeSubsetOf(["Model"], "options are shared by every folder");
    }

    [Test]
    public void Folders_OfTheCore_DependOnEachOtherInOneDirectionOnly()
    {
        var graph = FolderGraph(Core());

        FindCycle(graph).Should().BeNull("no two folders depend on each other except through Model/ and Options/");
    }

    [Test]
    public void FindCycle_OnALoop_NamesIt()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Alerts"] = ["Storage"],
            ["Storage"] = ["Collection"],
            ["Collection"] = ["Alerts"],
        };

        FindCycle(graph).Should().Be("Alerts → Storage → Collection → Alerts");
    }

    private static IEnumerable<SourceFile> SrcFiles() =>
        Directory.EnumerateDirectories(Path.Combine(RepositoryFiles.Root(), "src")).SelectMany(SourceFile.ReadProject);

    private static IReadOnlyList<SourceFile> Core() =>
        SourceFile.ReadProject(Path.Combine(RepositoryFiles.Root(), "src", "ZepixHealth.Monitoring"));

    /// <summary>Which folders each folder's code names types of, leaving out the shared folders as targets.</summary>
    private static Dictionary<string, HashSet<string>> FolderGraph(IReadOnlyList<SourceFile> files)
    {
        // A name declared in two folders (a nested Log class) says nothing about who depends on whom.
        var owners = files.SelectMany(f => f.DeclaredTypes().Select(t => (Type: t, f.Folder)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .Where(g => g.Select(x => x.Folder).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Folder, StringComparer.Ordinal);

        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Folder != "."))
        {
            var targets = graph.TryGetValue(file.Folder, out var existing) ? existing : graph[file.Folder] = [];
            foreach (var name in file.Identifiers())
            {
                if (owners.TryGetValue(name, out var folder) && folder != file.Folder && folder != ".")
                {
                    targets.Add(folder);
                }
            }
        }

        return graph;
    }

    /// <summary>Returns a dependency loop among the non-shared folders as "A → B → A", or null when there is none.</summary>
    private static string? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, graph, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string? Visit(string folder, Dictionary<string, HashSet<string>> graph, HashSet<string> done, List<string> path)
    {
        if (SharedFolders.Contains(folder) || done.Contains(folder))
        {
            return null;
        }

        var onPath = path.IndexOf(folder);
        if (onPath >= 0)
        {
            return string.Join(" → ", path.Skip(onPath).Append(folder));
        }

        path.Add(folder);
        foreach (var next in graph.GetValueOrDefault(folder, []).Order(StringComparer.Ordinal))
        {
            if (Visit(next, graph, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(folder);
        return null;
    }
}
