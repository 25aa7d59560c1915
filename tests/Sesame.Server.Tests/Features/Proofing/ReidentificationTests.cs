using System.Net;
using Sesame.Server.Tests.Support;
using Sesame.Testing;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Proofing;

/// <summary>
/// Seed 002: resetting the security options of an identified account asks for identity verification. The
/// password of an identified account changes only once the registry has confirmed the person again.
/// </summary>
[Collection(ServerCollection.Name)]
public sealed class ReidentificationTests(ServerFixture server)
{
    [Fact]
    public async Task Resetting_the_password_of_an_identified_account_needs_revenu_quebec_to_confirm_the_person_again()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        string username, email;
        using (var account = await SignedInAccountAsync(server))
        {
            (username, email) = (account.Username, account.Email);
            await StartAsync(account.Browser, person);
            RedirectsTo("/identification/terminee", await SubmitProofsAsync(account.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
        }

        using var browser = server.NewBrowser();
        await browser.PostAsync("/mot-de-passe-oublie", new Dictionary<string, string> { ["Input.Identifier"] = email }, from: "/mot-de-passe-oublie");
        var link = new Uri(MailServer.LinkIn((await server.Mail.WaitForAsync(email, 3))[2])).PathAndQuery;
        var page = await browser.GetAsync(link);
        Assert.Contains("Vérification de votre identité", page.Text, StringComparison.Ordinal);
        Assert.Contains("Revenu Québec doit confirmer qu'il s'agit bien de vous", page.Text, StringComparison.Ordinal);

        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(new Uri("https://localhost"), link).Query);
        const string newPassword = "Erable-Rouge-Automne-47";
        var form = new Dictionary<string, string>
        {
            ["Input.Account"] = query["compte"]!,
            ["Input.Token"] = query["jeton"]!,
            ["Input.Password"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        };

        // Without the proof, then with another person's NAS, then with a notice that is not theirs: refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync(link, form)).Status);
        form["Input.ProofConsent"] = "true";
        form["Input.Identifier"] = "046 454 286";
        form["Input.ProofNumber"] = RecentNotice(person);
        var otherPerson = await browser.PostAsync(link, form);
        Assert.Equal((HttpStatusCode)422, otherPerson.Status);
        Assert.Contains("Votre identité n'a pas pu être confirmée : le mot de passe n'a pas été changé.", otherPerson.Text, StringComparison.Ordinal);
        form["Input.Identifier"] = person.Nas;
        form["Input.ProofNumber"] = "Q0000000000";
        Assert.Equal((HttpStatusCode)422, (await browser.PostAsync(link, form)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.PostAsync("/", Journeys.Credentials(username, newPassword), from: "/")).Status);

        form["Input.ProofNumber"] = RecentNotice(person);
        var reset = await browser.PostAsync(link, form);
        Assert.Equal("/?avis=SignIn.Notice.PasswordReset", reset.Target);
        Assert.Equal("/connexion/code", (await browser.PostAsync("/", Journeys.Credentials(username, newPassword), from: "/")).Target);
    }
}
