using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Services;
using Sesame.Server.Tests.Support;
using Sesame.Testing;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Proofing;

/// <summary>
/// A service that requires an identified person (mission.md §3, issue 4 item 7): the process runs inside its
/// request, which then resumes at the consent page; the code follows the identity, and what was typed is kept
/// out of the logs and out of clear-text columns.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed partial class StepUpTests(ServerFixture server)
{
    [Fact]
    public async Task A_service_requiring_an_identified_person_gets_one_after_the_process_and_a_token_saying_so()
    {
        var service = await OidcClient.RegisterAsync(server, sector: "ramq", level: AssuranceLevel.IdentifiedPerson);
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        var (verifier, challenge) = OidcClient.Pkce();

        var required = await browser.GetAsync(service.AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.OK, required.Status);
        Assert.Contains("Identification requise", required.Text, StringComparison.Ordinal);
        var start = WebUtility.HtmlDecode(StartLink().Match(required.Html).Groups[1].Value);
        Assert.StartsWith("/identification?retour=%2Fconnect%2Fauthorize", start, StringComparison.Ordinal);

        var intro = await browser.GetAsync(start);
        Assert.Contains($"Le service Service d'essai {service.ClientId} exige que votre identité soit vérifiée.", intro.Text, StringComparison.Ordinal);
        var returnUrl = Uri.UnescapeDataString(start["/identification?retour=".Length..]);
        await StartAsync(browser, person, returnUrl: returnUrl);
        RedirectsTo("/identification/terminee", await SubmitProofsAsync(browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));

        var done = await browser.GetAsync("/identification/terminee");
        var next = WebUtility.HtmlDecode(ContinueLink().Match(done.Html).Groups[1].Value);
        Assert.StartsWith("/connect/authorize?", next, StringComparison.Ordinal);
        var consent = await browser.GetAsync(next);
        Assert.Equal(HttpStatusCode.OK, consent.Status);
        Assert.Contains("Communication des renseignements personnels", consent.Text, StringComparison.Ordinal);

        var redirect = await OidcClient.DecideAsync(browser, consent, "accept");
        var code = OidcClient.QueryOf(redirect.Location!)["code"];
        var (status, tokens) = await service.RedeemAsync(code, verifier);
        Assert.Equal(HttpStatusCode.OK, status);
        var idToken = OidcClient.Payload(tokens.GetProperty("id_token").GetString()!);
        Assert.Equal(AssuranceLevels.IdentifiedPersonAcr, idToken.GetProperty("acr").GetString());
    }

    [Fact]
    public async Task A_person_identified_again_on_a_new_account_keeps_their_code_at_the_service()
    {
        var service = await OidcClient.RegisterAsync(server, sector: "ramq-suivi", level: AssuranceLevel.IdentifiedPerson, email: false);
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        string firstCode;
        using (var first = await SignedInAccountAsync(server))
        {
            await StartAsync(first.Browser, person);
            RedirectsTo("/identification/terminee", await SubmitProofsAsync(first.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
            firstCode = OidcClient.Payload((await service.SignInAsync(first.Browser, "openid")).GetProperty("id_token").GetString()!).GetProperty("sub").GetString()!;

            // The person loses that account: it is deleted (account closure lands with the account-security issue).
            await using var scope = server.Host.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
            Assert.True((await users.DeleteAsync((await users.FindByNameAsync(first.Username))!)).Succeeded);
        }

        using var second = await SignedInAccountAsync(server);
        await StartAsync(second.Browser, person);
        RedirectsTo("/identification/terminee", await SubmitProofsAsync(second.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
        var secondCode = OidcClient.Payload((await service.SignInAsync(second.Browser, "openid")).GetProperty("id_token").GetString()!).GetProperty("sub").GetString();
        Assert.Equal(firstCode, secondCode);
    }

    [Fact]
    public async Task What_a_person_types_reaches_neither_the_logs_nor_a_clear_text_column()
    {
        var person = Person(p => HasRecentNotice(p) && p.Card.ReferenceNumber is null);
        using var account = await SignedInAccountAsync(server);
        await StartAsync(account.Browser, person);
        var proofs = NoticeAndCard(RecentNotice(person), "");
        proofs["Input.Second"] = "NoneAtHand";
        RedirectsTo("/identification/secret-postal", await SubmitProofsAsync(account.Browser, proofs));
        await account.Browser.PostAsync("/identification/secret-postal?handler=request", new Dictionary<string, string> { ["Input.Consent"] = "true" }, from: "/identification/secret-postal");
        var secret = SecretIn(await LetterContentAsync(person, "postal-secret"));
        RedirectsTo("/identification/terminee", await account.Browser.PostAsync("/identification/secret-postal?handler=enter",
            new Dictionary<string, string> { ["Input.Secret"] = secret }, from: "/identification/secret-postal"));

        string[] typed = [person.Nam, person.Nas, person.Nam[..4] + " " + person.Nam[4..8], RecentNotice(person), secret, secret.Replace("-", "", StringComparison.Ordinal)];
        var logs = string.Join('\n', server.Host.Logs.Lines);
        Assert.All(typed, value => Assert.DoesNotContain(value, logs, StringComparison.OrdinalIgnoreCase));

        var dump = await server.WithDatabaseAsync(DatabaseText.DumpAsync);
        Assert.Contains(account.Username, dump, StringComparison.Ordinal); // the dump does read the tables
        Assert.All(typed, value => Assert.DoesNotContain(value, dump, StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex("<a class=\"qc-button qc-primary sesame-button-link\" href=\"(/identification\\?retour=[^\"]+)\"")]
    private static partial Regex StartLink();

    [GeneratedRegex("href=\"(/connect/authorize\\?[^\"]+)\"")]
    private static partial Regex ContinueLink();
}
