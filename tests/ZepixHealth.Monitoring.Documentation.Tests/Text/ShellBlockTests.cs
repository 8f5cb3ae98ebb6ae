using System.Text.RegularExpressions;
using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.Text;

/// <summary>
/// Shell blocks: "shell ci" blocks are commands CI itself runs (each in .ci/run, options aside); "shell commands"
/// blocks name things that exist: paths, projects, benchmark classes, template names.
/// </summary>
[TestFixture]
public sealed partial class ShellBlockTests
{
    public static IEnumerable<TestCaseData> CiBlocks() =>
        BlockCatalog.Claimed("shell ci").Select(c => new TestCaseData(c.Block).SetName($"CiCommands_AreRunByCi({c.Block.File}:{c.Block.Line})"));

    public static IEnumerable<TestCaseData> CommandBlocks() =>
        BlockCatalog.Claimed("shell commands").Select(c => new TestCaseData(c.Block).SetName($"Commands_NameWhatExists({c.Block.File}:{c.Block.Line})"));

    [TestCaseSource(nameof(CiBlocks))]
    public void CiCommands_AreRunByCi(DocumentedBlock block)
    {
        var ciLines = RepositoryFiles.Read(".ci/run").Split('\n').Select(Words).ToList();

        foreach (var command in Commands(block))
        {
            if (command.SequenceEqual(["bash", ".ci/run"]))
            {
                continue;
            }

            ciLines.Any(line => command.All(line.Contains)).Should().BeTrue($"'{string.Join(' ', command)}' of {block} is a command .ci/run runs");
        }
    }

    [TestCaseSource(nameof(CommandBlocks))]
    public void Commands_NameWhatExists(DocumentedBlock block)
    {
        var root = RepositoryFiles.Root();
        foreach (var command in Commands(block))
        {
            var text = string.Join(' ', command);
            (command[0] is "dotnet" or "bash" || File.Exists(Path.Combine(root, command[0]))).Should().BeTrue($"'{text}' starts with a program a reader has");
            foreach (var path in command.Where(w => w.Contains('/', StringComparison.Ordinal) && !w.StartsWith('-') && !w.StartsWith('/') && !w.StartsWith("../", StringComparison.Ordinal) && !w.Contains("://", StringComparison.Ordinal)))
            {
                Path.Exists(Path.Combine(root, path)).Should().BeTrue($"'{path}' in '{text}' exists in the repository");
            }

            var project = After(command, "--project");
            if (project is not null)
            {
                Directory.EnumerateFiles(Path.Combine(root, project), "*.csproj").Should().NotBeEmpty($"'{text}' runs a project");
            }

            if (After(command, "--filter") is { } filter && project is not null)
            {
                var name = filter.Trim('\'', '"', '*');
                Directory.EnumerateFiles(Path.Combine(root, project), "*.cs", SearchOption.AllDirectories)
                    .Where(f => !f.Contains("/obj/", StringComparison.Ordinal))
                    .Should().Contain(f => Regex.IsMatch(File.ReadAllText(f), $@"class \w*{Regex.Escape(name)}\w*"), $"the filter of '{text}' selects a benchmark");
            }

            if (command is ["dotnet", "new", "install", var package, ..])
            {
                Directory.Exists(Path.Combine(root, "templates", package)).Should().BeTrue($"'{text}' installs a template package this repository makes");
            }
            else if (command is ["dotnet", "new", var shortName, ..])
            {
                TemplateShortNames(root).Should().Contain(shortName, $"'{text}' creates a template this repository makes");
            }
        }
    }

    /// <summary>The block's commands, one per line, as words without their '#' comment.</summary>
    internal static IEnumerable<string[]> Commands(DocumentedBlock block) =>
        block.Text.Split('\n').Select(l => l.Split(" #")[0].Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(Words);

    private static string[] Words(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => VariablePrefix().Replace(w.Trim('"'), "")).ToArray();

    private static string? After(string[] words, string option) =>
        Array.IndexOf(words, option) is var i and >= 0 && i + 1 < words.Length ? words[i + 1] : null;

    private static List<string> TemplateShortNames(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "templates"), "template.json", SearchOption.AllDirectories)
            .Select(f => ShortName().Match(File.ReadAllText(f)).Groups[1].Value).ToList();

    [GeneratedRegex(@"^""?\$\{?\w+\}?/")]
    private static partial Regex VariablePrefix();

    [GeneratedRegex(@"""shortName""\s*:\s*""([^""]+)""")]
    private static partial Regex ShortName();
}
