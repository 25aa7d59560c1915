using System.Net;
using Sesame.Server.Tests.Infrastructure;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.AccessRequests.AccessRequestSteps;

namespace Sesame.Server.Tests.Features.AccessRequests;

/// <summary>quality.md: odd values in every field of the access-request pages get a message and a 4xx, never a 500.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccessRequestInputTests(ServerFixture server)
{
    public static TheoryData<string> Values => BadInputTests.Values;

    [Theory]
    [MemberData(nameof(Values))]
    public async Task Every_field_of_the_form_answers_odd_values_with_a_message(string value)
    {
        var establishment = await EstablishmentAsync(server);
        var form = Form(establishment, NewPerson("MARIE", "ODD"), NewPerson("LUC", "ODD"));
        foreach (var field in form.Keys)
        {
            // A new browser (and client address) per field, so the form's rate limit is not what answers.
            using var each = server.NewBrowser();
            var page = await each.PostAsync("/demande-acces", new Dictionary<string, string>(form) { [field] = value }, from: "/demande-acces");
            // Some fields may take the value (blank optional fields, a username not asked for): then the request is made.
            Assert.True(page.Status is HttpStatusCode.BadRequest or HttpStatusCode.OK, $"{field} answered {(int)page.Status}");
            // A NUL is refused before the page, by the site's own 400 page ("Demande invalide"); the rest by the form.
            var expected = page.Status == HttpStatusCode.OK ? "Son numéro de référence est" : value.Contains('\0', StringComparison.Ordinal) ? "Demande invalide" : "Le formulaire contient des erreurs";
            Assert.True(page.Text.Contains(expected, StringComparison.Ordinal), $"{field}: \"{expected}\" not shown");
            Assert.DoesNotContain("<script>alert(1)</script>", page.Html, StringComparison.Ordinal);
        }

        using var browser = server.NewBrowser();

        foreach (var token in new[] { value, $"{Guid.NewGuid():N}.{value}" })
        {
            var confirmation = await browser.GetAsync("/demande-acces/confirmation?jeton=" + Uri.EscapeDataString(token));
            Assert.Equal(HttpStatusCode.NotFound, confirmation.Status);
        }
    }

    [Fact]
    public async Task The_public_pages_carry_the_security_headers_and_an_antiforgery_token()
    {
        using var browser = server.NewBrowser();
        foreach (var path in new[] { "/demande-acces", "/demande-acces/confirmation?jeton=x.y" })
        {
            var page = await browser.GetAsync(path);
            Assert.Contains("frame-ancestors 'none'", string.Join(' ', page.Response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.Equal("nosniff", page.Response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        Assert.Contains("name=\"__af\"", (await browser.GetAsync("/demande-acces")).Html, StringComparison.Ordinal);
        using var noToken = server.Host.NewClient();
        var posted = await noToken.PostAsync("/demande-acces", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.UserEmail"] = "a@b.example" }));
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
    }
}
