using ZepixHealth.Monitoring.Documentation.Tests.Blocks;

namespace ZepixHealth.Monitoring.Documentation.Tests.Text;

/// <summary>"test &lt;Class&gt;.&lt;Method&gt;" claims: a block run by a test elsewhere names a test that exists and reads that page.</summary>
[TestFixture]
public sealed class TestClaimTests
{
    public static IEnumerable<TestCaseData> Claims() =>
        BlockCatalog.Claimed("test").Select(c => new TestCaseData(c.Block, c.Claim.Argument("test")).SetName($"TestClaim_NamesATestThatReadsThePage({c.Block.File}:{c.Block.Line})"));

    [TestCaseSource(nameof(Claims))]
    public void TestClaim_NamesATestThatReadsThePage(DocumentedBlock block, string test)
    {
        var (type, method) = (test[..test.LastIndexOf('.')], test[(test.LastIndexOf('.') + 1)..]);
        var files = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root(), "tests"), type + ".cs", SearchOption.AllDirectories).ToList();

        files.Should().ContainSingle($"the test class {type} claimed for {block} exists once under tests/");
        var source = File.ReadAllText(files[0]);
        source.Should().Contain($" {method}(", $"{type} has the test {method}").And.Contain(Path.GetFileName(block.File), $"{type} reads {block.File}");
    }
}
