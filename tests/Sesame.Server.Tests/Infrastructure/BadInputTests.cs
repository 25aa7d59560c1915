using System.Net;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>quality.md: bad input anywhere gets a clear, localized message and a 4xx, never a 500.</summary>
[Collection(ServerCollection.Name)]
public sealed class BadInputTests(ServerFixture server)
{
    public static TheoryData<string> Values => new()
    {
        new string('a', 20_000),
        "O'Brien",
        "Côté-Tremblay",
        "\u202Emarie\u202C",
        "marie\0admin",
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "\uD83D\uDE00\uD83D\uDE00",
        "   ",
    };

    private static readonly (string Path, string[] Fields)[] Forms =
    [
        ("/creer-compte", ["Input.Username", "Input.Email", "Input.Password", "Input.ConfirmPassword"]),
        ("/", ["Input.Identifier", "Input.Password"]),
        ("/mot-de-passe-oublie", ["Input.Identifier"]),
        ("/professionnels/connexion", ["Input.Username", "Input.Password"]),
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Every_form_answers_odd_values_with_a_message_not_an_error(string value)
    {
        foreach (var (path, names) in Forms)
        {
            using var browser = server.NewBrowser();
            var fields = names.ToDictionary(f => f, _ => value);
            var page = await browser.PostAsync(path, fields, from: path);

            Assert.True(page.Status is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{path} answered {(int)page.Status}");
            Assert.DoesNotContain("<script>alert(1)</script>", page.Html, StringComparison.Ordinal);
            Assert.Contains("<html lang=\"fr\">", page.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_code_page_answers_odd_values_with_a_message()
    {
        var (username, email) = ServerFixture.NewPerson();
        using var browser = await Journeys.RegisterAsync(server, username, email);
        await browser.GetAsync("/creer-compte/confirmer");
        foreach (var value in new[] { new string('9', 5000), "١٢٣٤٥٦", "12 34 5", "" })
        {
            var page = await browser.PostAsync("/creer-compte/confirmer", new Dictionary<string, string> { ["Input.Code"] = value });
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("Le code de sécurité compte six chiffres.", page.Text, StringComparison.Ordinal);
        }

        // ASP.NET Core refuses a whole form that holds a NUL character: the person gets the invalid-request page.
        var withNul = await browser.PostAsync("/creer-compte/confirmer", new Dictionary<string, string> { ["Input.Code"] = "123\0456" });
        Assert.Equal(HttpStatusCode.BadRequest, withNul.Status);
        Assert.Contains("La demande n'a pas pu être traitée.", withNul.Text, StringComparison.Ordinal);
    }
}
