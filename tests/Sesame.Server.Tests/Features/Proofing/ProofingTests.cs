using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Core.Identity;
using Sesame.Testing;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Proofing;

/// <summary>The identification process (issue 4; mission.md §2; seeds 001 and 002) through the real server and the simulated registries.</summary>
[Collection(ServerCollection.Name)]
public sealed class ProofingTests(ServerFixture server)
{
    [Fact]
    public async Task A_recent_notice_and_the_card_reference_number_identify_the_person()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        var proofs = await StartAsync(browser, person);
        RedirectsTo("/identification/preuves", proofs);
        var hello = await browser.GetAsync("/identification/preuves");
        Assert.Contains($"Bonjour {person.GivenNames},", hello.Text, StringComparison.Ordinal);

        var done = await SubmitProofsAsync(browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!));
        RedirectsTo("/identification/terminee", done);
        var page = await browser.GetAsync("/identification/terminee");
        Assert.Contains("Votre identification a été réalisée avec succès.", page.Text, StringComparison.Ordinal);
        var manage = await browser.GetAsync("/compte");
        Assert.Contains("Identité vérifiée", manage.Text, StringComparison.Ordinal);

        var identity = await server.WithDatabaseAsync(db => db.VerifiedIdentities.SingleAsync(i => i.Method == "notice+health-card" && i.AccountId != null
            && db.Users.Any(u => u.Id == i.AccountId && u.IdentifiedAt != null && u.PersonId == i.PersonId && u.UserName == account.Username)));
        Assert.NotNull(identity.NamHash);
        Assert.NotNull(identity.NasHash);
        Assert.Contains("notice-2y:match:RQ-", identity.Reasons, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_notice_is_named_and_counts_and_the_sixth_failure_in_a_day_is_refused_until_the_next()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await StartAsync(browser, person);
        for (var i = 0; i < 5; i++)
        {
            var refused = await SubmitProofsAsync(browser, NoticeAndCard("Q000000000" + i, person.Card.ReferenceNumber!));
            Assert.Equal((HttpStatusCode)422, refused.Status);
            Assert.Contains("Revenu Québec n'a pas pu confirmer le numéro de l'avis de cotisation.", refused.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("La RAMQ n'a pas pu confirmer", refused.Text, StringComparison.Ordinal);
            server.Host.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var locked = await SubmitProofsAsync(browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.Status);
        Assert.Contains("Vous avez atteint le nombre maximal d'essais", locked.Text, StringComparison.Ordinal);

        // A day later (and signed in again, the session having ended), the person may try again.
        server.Host.Clock.Advance(TimeSpan.FromHours(24));
        using var again = await Journeys.SignInAsync(server, account.Username, account.Email, codesBefore: 2);
        var done = await SubmitProofsAsync(again, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!));
        RedirectsTo("/identification/terminee", done);
    }

    [Fact]
    public async Task A_notice_and_a_postal_secret_identify_a_person_whose_card_has_no_reference_number()
    {
        var person = Person(p => HasRecentNotice(p) && p.Card.ReferenceNumber is null);
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await StartAsync(browser, person);
        var proofs = NoticeAndCard(RecentNotice(person), "");
        proofs["Input.Second"] = "NoneAtHand";
        var afterProofs = await SubmitProofsAsync(browser, proofs);
        RedirectsTo("/identification/secret-postal", afterProofs);

        var unconsented = await browser.PostAsync("/identification/secret-postal?handler=request", new Dictionary<string, string>(), from: "/identification/secret-postal");
        Assert.Equal(HttpStatusCode.BadRequest, unconsented.Status);
        var requested = await browser.PostAsync("/identification/secret-postal?handler=request",
            new Dictionary<string, string> { ["Input.Consent"] = "true" }, from: "/identification/secret-postal");
        RedirectsTo("/identification/secret-postal", requested);

        // The person signs out, the letter arrives, they come back: they resume at the entry.
        await browser.PostAsync("/deconnexion", Browser.NoFields, from: "/compte");
        var secret = SecretIn(await LetterContentAsync(person, "postal-secret"));
        Assert.Matches("^[0-9A-Z]{5}-[0-9A-Z]{5}$", secret);
        using var again = await Journeys.SignInAsync(server, account.Username, account.Email, codesBefore: 2);
        var entry = await again.GetAsync("/identification");
        RedirectsTo("/identification/secret-postal", entry);

        var wrong = await again.PostAsync("/identification/secret-postal?handler=enter",
            new Dictionary<string, string> { ["Input.Secret"] = "00000-00000" }, from: "/identification/secret-postal");
        Assert.Equal((HttpStatusCode)422, wrong.Status);
        var done = await again.PostAsync("/identification/secret-postal?handler=enter",
            new Dictionary<string, string> { ["Input.Secret"] = secret.ToLowerInvariant() }, from: "/identification/secret-postal");
        RedirectsTo("/identification/terminee", done);
        Assert.Equal("notice+postal-secret", await server.WithDatabaseAsync(db => db.VerifiedIdentities
            .Where(i => db.Users.Any(u => u.Id == i.AccountId && u.UserName == account.Username)).Select(i => i.Method).SingleAsync()));
    }

    [Fact]
    public async Task Ramq_alone_identifies_with_the_mailed_activation_key()
    {
        var person = Person(p => p.Card.Expiry > DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        var afterPersonal = await StartAsync(browser, person, route: "RamqActivationKey");
        RedirectsTo("/identification/ramq", afterPersonal);

        var requested = await browser.PostAsync("/identification/ramq?handler=key", Browser.NoFields, from: "/identification/ramq");
        Assert.Equal(HttpStatusCode.OK, requested.Status);
        Assert.Contains("Votre demande a été transmise à la RAMQ", requested.Text, StringComparison.Ordinal);
        var key = KeyIn(await LetterContentAsync(person, "activation-key"));

        var fields = new Dictionary<string, string>
        {
            ["Input.SequentialNumber"] = person.Card.SequentialNumber,
            ["Input.Expiry"] = person.Card.Expiry.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ActivationKey"] = key == "0000" ? "9999" : "0000",
            ["Input.Consent"] = "true",
        };
        Assert.Equal((HttpStatusCode)422, (await browser.PostAsync("/identification/ramq", fields, from: "/identification/ramq")).Status);
        fields["Input.ActivationKey"] = key;
        var done = await browser.PostAsync("/identification/ramq", fields, from: "/identification/ramq");
        RedirectsTo("/identification/terminee", done);
    }

    [Fact]
    public async Task An_older_notice_fails_the_two_proofs_but_identifies_through_revenu_quebec_alone()
    {
        var person = Person(p => p.Notices.Count > 0 && p.Notices.All(n => n.TaxYear is >= 2021 and <= 2023) && HasValidCardReference(p));
        var notice = person.Notices[^1].Number;
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await StartAsync(browser, person);
        var refused = await SubmitProofsAsync(browser, NoticeAndCard(notice, person.Card.ReferenceNumber!));
        Assert.Equal((HttpStatusCode)422, refused.Status);

        var switched = await browser.PostAsync("/identification/preuves?handler=route", new Dictionary<string, string> { ["route"] = "RevenuQuebecAlone" }, from: "/identification/preuves");
        RedirectsTo("/identification/revenu-quebec", switched);
        var done = await browser.PostAsync("/identification/revenu-quebec",
            new Dictionary<string, string> { ["Input.NoticeNumber"] = notice, ["Input.Consent"] = "true" }, from: "/identification/revenu-quebec");
        RedirectsTo("/identification/terminee", done);
    }

    [Theory]
    [InlineData("error")]
    [InlineData("down")]
    [InlineData("slow")]
    public async Task A_failing_registry_says_try_again_later_counts_nothing_and_the_person_resumes(string fault)
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await StartAsync(browser, person);
        var proofs = NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!);
        await RegistrySimulatorServer.Shared.SetFaultAsync("ramq", fault);
        Page unavailable;
        try
        {
            unavailable = await SubmitProofsAsync(browser, proofs);
        }
        finally
        {
            await RegistrySimulatorServer.Shared.SetFaultAsync("ramq", "none");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.Status);
        Assert.Contains("temporairement indisponible", unavailable.Text, StringComparison.Ordinal);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.ProofingAttempts.CountAsync(a => db.Users.Any(u => u.Id == a.UserId && u.UserName == account.Username))));

        var resumed = await browser.GetAsync("/identification");
        RedirectsTo("/identification/preuves", resumed);
        var done = await SubmitProofsAsync(browser, proofs);
        RedirectsTo("/identification/terminee", done);
    }

    [Fact]
    public async Task An_identity_already_bound_to_another_open_account_is_refused_with_a_way_to_recover_it()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using (var first = await SignedInAccountAsync(server))
        {
            await StartAsync(first.Browser, person);
            RedirectsTo("/identification/terminee", await SubmitProofsAsync(first.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
        }

        using var second = await SignedInAccountAsync(server);
        await StartAsync(second.Browser, person);
        var refused = await SubmitProofsAsync(second.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!));
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Contains("Cette identité est déjà associée à un autre compte Sesame", refused.Text, StringComparison.Ordinal);
        Assert.Contains("href=\"/mot-de-passe-oublie\"", refused.Html, StringComparison.Ordinal);
        Assert.Null(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == second.Username).Select(u => u.IdentifiedAt).SingleAsync()));
    }

    [Fact]
    public async Task Formats_are_checked_before_anything_is_sent_and_a_doubtful_nam_can_be_confirmed()
    {
        var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        await browser.PostAsync("/identification", new Dictionary<string, string> { ["route"] = "TwoProofs" }, from: "/identification");

        var badSin = PersonalInformation(person);
        badSin["Input.Nas"] = "046 454 285";
        badSin["Input.BirthDate"] = "14/03/1985";
        var refused = await browser.PostAsync("/identification/renseignements", badSin, from: "/identification/renseignements");
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Le numéro d'assurance sociale compte 9 chiffres et celui-ci n'est pas valide.", refused.Text, StringComparison.Ordinal);
        Assert.Contains("Écrivez la date de naissance sous la forme AAAA-MM-JJ", refused.Text, StringComparison.Ordinal);

        var doubtful = PersonalInformation(person);
        var nam = person.Nam[..11] + (char)('0' + ((person.Nam[11] - '0' + 1) % 10));
        doubtful["Input.Nam"] = nam;
        var asked = await browser.PostAsync("/identification/renseignements", doubtful, from: "/identification/renseignements");
        Assert.Equal(HttpStatusCode.BadRequest, asked.Status);
        Assert.Contains("Relisez votre carte", asked.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Confirmed\"", asked.Html, StringComparison.Ordinal);

        doubtful["Input.Confirmed"] = "true";
        var accepted = await browser.PostAsync("/identification/renseignements", doubtful, from: "/identification/renseignements");
        RedirectsTo("/identification/preuves", accepted);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.ProofingEvidence.CountAsync(e => db.ProofingCases.Any(c => c.Id == e.CaseId && db.Users.Any(u => u.Id == c.UserId && u.UserName == account.Username)))));
    }

    [Fact]
    public async Task The_screens_follow_the_graph_whatever_is_typed_in_the_address_bar()
    {
        using var account = await SignedInAccountAsync(server);
        var browser = account.Browser;
        RedirectsTo("/identification", await browser.GetAsync("/identification/preuves"));
        RedirectsTo("/identification", await browser.GetAsync("/identification/terminee"));
        await browser.PostAsync("/identification", new Dictionary<string, string> { ["route"] = "TwoProofs" }, from: "/identification");
        RedirectsTo("/identification/renseignements", await browser.GetAsync("/identification/secret-postal"));

        using var anonymous = server.NewBrowser();
        var challenged = await anonymous.GetAsync("/identification/preuves");
        Assert.Equal(HttpStatusCode.Redirect, challenged.Status);
        Assert.StartsWith("/?retour=", challenged.Target, StringComparison.Ordinal);
    }
}
