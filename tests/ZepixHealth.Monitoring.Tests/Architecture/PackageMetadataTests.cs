using System.Buffers.Binary;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using ZepixHealth.Monitoring.Tests.Diagnostics;
using ZepixHealth.Monitoring.Tests.Support;

namespace ZepixHealth.Monitoring.Tests.Architecture;

/// <summary>What every package carries for a gallery: its own README with absolute links, the icon, release notes from CHANGELOG.md.</summary>
[TestFixture]
public sealed partial class PackageMetadataTests
{
    private static readonly string Root = RepositoryFiles.Root();

    private static IEnumerable<string> Packages() =>
        Directory.EnumerateDirectories(Path.Combine(RepositoryFiles.Root(), "src"))
            .Where(d => Directory.EnumerateFiles(d, "*.csproj").Any())
            .Select(Path.GetFileName)
            .OfType<string>()
            .Order(StringComparer.Ordinal);

    [TestCaseSource(nameof(Packages))]
    public void Readme_OfEveryPackage_LinksOnlyAbsolutelyIntoTheRepository(string package)
    {
        var readme = Path.Combine(Root, "src", package, "README.md");
        File.Exists(readme).Should().BeTrue($"{package} has a README of its own");
        var text = File.ReadAllText(readme);
        var repository = RepositoryUrl().Match(File.ReadAllText(Path.Combine(Root, "src", "Directory.Build.props"))).Groups[1].Value;

        text.Should().StartWith($"# {package}\n");
        var links = Link().Matches(text).Select(m => m.Groups[1].Value).ToList();
        links.Should().NotBeEmpty().And.OnlyContain(l => l.StartsWith(repository + "/", StringComparison.Ordinal), "a package gallery resolves no relative link");
        foreach (var link in links)
        {
            var path = Regex.Replace(link[(repository.Length + 1)..], "^(blob|raw)/main/", string.Empty);
            File.Exists(Path.Combine(Root, path)).Should().BeTrue($"{link} names a file of the repository");
        }
    }

    [Test]
    public void Icon_IsA128PixelPng()
    {
        var png = File.ReadAllBytes(Path.Combine(Root, "eng", "icon.png"));

        png.AsSpan(0, 8).ToArray().Should().Equal(0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)).Should().Be(128);
        BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)).Should().Be(128);
    }

    [Test]
    public void ReleaseBuild_WithoutCi_MapsTheSourcePathsToTheDeterministicRoot()
    {
        var assembly = typeof(PluginHealthMonitor).Assembly;
        using var pe = new PEReader(File.OpenRead(assembly.Location));
        var codeView = pe.ReadDebugDirectory().First(e => e.Type == DebugDirectoryEntryType.CodeView);
        var pdbPath = pe.ReadCodeViewDebugDirectoryData(codeView).Path;

        // What pack packs is a Release build; a Debug build keeps the real paths for the debugger, except
        // under CI=true, where every build is a continuous-integration build.
        if (assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration == "Release")
        {
            pdbPath.Should().Be("/_/src/ZepixHealth.Monitoring/obj/Release/net10.0/ZepixHealth.Monitoring.pdb");
        }
        else if (Environment.GetEnvironmentVariable("CI") == "true")
        {
            pdbPath.Should().Be("/_/src/ZepixHealth.Monitoring/obj/Debug/net10.0/ZepixHealth.Monitoring.pdb");
        }
        else
        {
            pdbPath.Should().StartWith(Root);
        }
    }

    [Test]
    public async Task ReleaseNotes_OfAVersionNotInTheChangelog_AreTheUnreleasedSection()
    {
        var changelog = File.ReadAllText(Path.Combine(Root, "CHANGELOG.md"));
        var unreleased = changelog[(changelog.IndexOf("## [Unreleased]\n", StringComparison.Ordinal) + 16)..];
        unreleased = unreleased[..unreleased.IndexOf("\n## [", StringComparison.Ordinal)].Trim();

        var notes = await ReleaseNotesAsync("-p:Version=99.0.0");

        notes.Should().Be($"[Unreleased]\n{unreleased}\n\nFull changelog: https://github.com/zepix/ZepixHealth.Monitoring/blob/main/CHANGELOG.md");
    }

    [Test]
    public async Task ReleaseNotes_OfAVersionInTheChangelog_AreItsSection()
    {
        var notes = await ReleaseNotesAsync("-p:Version=0.1.0");

        notes.Should().StartWith("[0.1.0]\nFirst release: plugin contract and telemetry").And.NotContain("## [");
    }

    private static async Task<string> ReleaseNotesAsync(string version)
    {
        var (exitCode, output) = await ToolProcess.RunAsync(
            "dotnet", Root, "msbuild", "src/ZepixHealth.Monitoring/ZepixHealth.Monitoring.csproj", "-getProperty:PackageReleaseNotes", version, "-nologo");
        exitCode.Should().Be(0, output);
        return output.ReplaceLineEndings("\n").TrimEnd('\n');
    }

    [GeneratedRegex("<RepositoryUrl>([^<]+)</RepositoryUrl>")]
    private static partial Regex RepositoryUrl();

    [GeneratedRegex(@"\]\(([^)\s]+)\)")]
    private static partial Regex Link();
}
