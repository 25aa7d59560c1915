using System.Net;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>quality.md "pages": the headers on every page, and the cookies' flags.</summary>
[Collection(ServerCollection.Name)]
public sealed class SecurityHeadersTests(ServerFixture server)
{
    public static TheoryData<string> Pages => new()
    {
        "/", "/creer-compte", "/mot-de-passe-oublie", "/connexion/code", "/creer-compte/confirmer", "/deconnexion",
        "/accessibilite", "/confidentialite", "/conditions-utilisation", "/page-qui-n-existe-pas", "/compte",
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_carries_the_security_headers(string path)
    {
        using var browser = server.NewBrowser();
        var response = (await browser.GetAsync(path)).Response;

        var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.StartsWith("max-age=", response.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Forms_carry_an_antiforgery_token_and_its_cookie_is_host_only_and_strict()
    {
        using var browser = server.NewBrowser();
        var page = await browser.GetAsync("/creer-compte");

        Assert.Contains("name=\"__af\"", page.Html, StringComparison.Ordinal);
        var cookie = page.Response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sesame-af=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_posted_without_its_token_is_refused()
    {
        using var client = server.Host.NewClient();
        var response = await client.PostAsync("/creer-compte", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Username"] = "marie85" }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_development_mailbox_does_not_exist_outside_development()
    {
        using var browser = server.NewBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/dev/courriels")).Status);
    }
}
