using ZepixHealth.Monitoring;

namespace ZepixHealth.Monitoring.Tests.Model;

[TestFixture]
public sealed class WildcardPatternTests
{
    [TestCase("v6-price-action-5m", "v6-price-action-5m", true)]
    [TestCase("v6-price-action-5m", "v6-price-action-1m", false)]
    [TestCase("v6-*", "v6-price-action-5m", true)]
    [TestCase("v6-*", "v6-", true)]
    [TestCase("v6-*", "v3-combined", false)]
    [TestCase("*-5m", "v6-price-action-5m", true)]
    [TestCase("v6-*-5m", "v6-price-action-5m", true)]
    [TestCase("v6-*-5m", "v6-5m", false)]
    [TestCase("*", "anything", true)]
    [TestCase("a*b*c", "aXbYc", true)]
    [TestCase("a*b*c", "aXcYb", false)]
    [TestCase("ab*ba", "aba", false)]
    public void IsMatch_Pattern_MatchesAsAGlobWithStar(string pattern, string text, bool expected) =>
        WildcardPattern.IsMatch(pattern, text, StringComparison.Ordinal).Should().Be(expected);

    [Test]
    public void IsMatch_IgnoringCase_MatchesOtherCase() =>
        WildcardPattern.IsMatch("V6-*", "v6-price-action-5m", StringComparison.OrdinalIgnoreCase).Should().BeTrue();
}
