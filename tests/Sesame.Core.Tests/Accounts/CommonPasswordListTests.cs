using System.Text;
using System.Text.Json;
using Sesame.Core.Accounts;

namespace Sesame.Core.Tests.Accounts;

public sealed class CommonPasswordListTests
{
    private static MemoryStream Json(string json) => new(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void FromJson_reads_a_JSON_array_of_strings()
    {
        using var json = Json("""["correcthorse1", "motdepasse123", "Soleil2024!"]""");

        var list = CommonPasswordList.FromJson(json);

        Assert.Equal(3, list.Count);
        Assert.True(list.Contains("correcthorse1"));
        Assert.True(list.Contains("motdepasse123"));
        Assert.True(list.Contains("Soleil2024!"));
        Assert.False(list.Contains("Tulipe-Verte-Hiver-92"));
    }

    [Fact]
    public void FromJson_reads_escaped_and_non_ASCII_entries()
    {
        using var json = Json("""["\u00e9t\u00e9chaud", "mot de passe", "qu\"ote"]""");

        var list = CommonPasswordList.FromJson(json);

        Assert.Equal(3, list.Count);
        Assert.True(list.Contains("étéchaud"));
        Assert.True(list.Contains("mot de passe"));
        Assert.True(list.Contains("qu\"ote"));
    }

    [Theory]
    [InlineData("correcthorse1", true)]
    [InlineData("CORRECTHORSE1", true)]
    [InlineData("CorrectHorse1", true)]
    [InlineData("correcthorse", false)]
    [InlineData("correcthorse12", false)]
    [InlineData(" correcthorse1", false)]
    [InlineData("", false)]
    public void Contains_ignores_case_and_nothing_else(string password, bool expected)
    {
        var list = new CommonPasswordList(["correcthorse1"]);

        Assert.Equal(expected, list.Contains(password));
    }

    [Fact]
    public void Entries_differing_only_by_case_count_once()
    {
        var list = new CommonPasswordList(["Password1", "password1", "PASSWORD1", "azerty123"]);

        Assert.Equal(2, list.Count);
    }

    [Fact]
    public void FromJson_refuses_a_JSON_null()
    {
        using var json = Json("null");

        var error = Assert.Throws<InvalidDataException>(() => CommonPasswordList.FromJson(json));
        Assert.Equal("The common-password list is missing or empty.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("\"correcthorse1\"")]
    [InlineData("[1, 2]")]
    [InlineData("[\"correcthorse1\"")]
    public void FromJson_refuses_what_is_not_a_JSON_array_of_strings(string text)
    {
        using var json = Json(text);

        Assert.Throws<JsonException>(() => CommonPasswordList.FromJson(json));
    }

    [Fact]
    public void FromJson_refuses_an_empty_array_rather_than_silently_turning_the_check_off()
    {
        // An empty embedded list would let every common password through (NIST SP 800-63B §5.1.1.2);
        // the loader refuses it ("The common-password list is missing or empty."), as it refuses a missing list.
        using var json = Json("[]");

        Assert.Throws<InvalidDataException>(() => CommonPasswordList.FromJson(json));
    }
}
