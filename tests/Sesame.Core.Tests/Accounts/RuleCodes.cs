namespace Sesame.Core.Tests.Accounts;

/// <summary>Compares rule codes as a set: every expected code once, and nothing else.</summary>
internal static class RuleCodes
{
    public static void AssertExactly(IEnumerable<string> expected, IReadOnlyList<string> actual) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));
}
