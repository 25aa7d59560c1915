using System.Net;
using Microsoft.EntityFrameworkCore;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>Issue 5 through the real server: factors, recent-factor rule, e-mail change, "ce n'était pas moi", recovery.</summary>
[Collection(ServerCollection.Name)]
public sealed class AccountSecurityTests(ServerFixture server)
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task Sensitive_pages_ask_for_a_second_factor_from_the_last_20_minutes_then_come_back()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte/mot-de-passe")).Status);

        // Active all along (the session's idle limit is 15 minutes), but the sign-in's code is now 21 minutes old.
        server.Host.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);
        server.Host.Clock.Advance(TimeSpan.FromMinutes(11));
        var asked = await browser.GetAsync("/compte/mot-de-passe");
        Assert.Equal("/compte/verifier?retour=%2Fcompte%2Fmot-de-passe", asked.Target);
        Assert.Equal("/compte/verifier?retour=%2Fcompte%2Fcourriel", (await browser.GetAsync("/compte/courriel")).Target);
        Assert.Equal("/compte/verifier?retour=%2Fcompte%2Ffacteurs", (await browser.GetAsync("/compte/facteurs")).Target);

        // No strong factor yet: a code mailed to the account's address.
        var verify = await browser.GetAsync(asked.Target!);
        Assert.Contains("Confirmer que c'est bien vous", verify.Text, StringComparison.Ordinal);
        await browser.PostAsync(asked.Target + "&handler=Send", Browser.NoFields);
        var wrong = await browser.PostAsync(asked.Target + "&handler=EmailCode", Fields(("Code", "000000")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var code = await server.Mail.CodeAsync(email, 3);
        var back = await browser.PostAsync(asked.Target + "&handler=EmailCode", Fields(("Code", code)));
        Assert.Equal("/compte/mot-de-passe", back.Target);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte/mot-de-passe")).Status);
    }

    [Fact]
    public async Task An_e_mail_change_is_confirmed_by_a_code_sent_to_the_new_address_and_the_old_one_is_told()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        var (other, _) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var newEmail = $"nouvelle.{Guid.NewGuid():N}@exemple.ca";

        var taken = await browser.PostAsync("/compte/courriel", Fields(("Input.NewEmail", $"{other.Replace("marie", "marie.", StringComparison.Ordinal)}@exemple.ca")), from: "/compte/courriel");
        var takenEmail = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == other).Select(u => u.Email!).SingleAsync());
        taken = await browser.PostAsync("/compte/courriel", Fields(("Input.NewEmail", takenEmail)), from: "/compte/courriel");
        Assert.Equal(HttpStatusCode.BadRequest, taken.Status);
        var malformed = await browser.PostAsync("/compte/courriel", Fields(("Input.NewEmail", "pas-une-adresse")), from: "/compte/courriel");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);

        var sent = await browser.PostAsync("/compte/courriel", Fields(("Input.NewEmail", newEmail)), from: "/compte/courriel");
        Assert.Equal(HttpStatusCode.OK, sent.Status);
        var pending = AccountSecurityJourney.Hidden(sent, "Input.Pending");
        Assert.NotEmpty(pending);
        Assert.DoesNotContain(newEmail, pending, StringComparison.OrdinalIgnoreCase);

        // Until the code is entered, the account keeps its address.
        Assert.Equal(email, await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Email).SingleAsync()));
        var code = await server.Mail.CodeAsync(newEmail);
        var wrong = await browser.PostAsync("/compte/courriel?handler=Confirm", Fields(("Input.Pending", pending), ("Input.Code", code == "111111" ? "222222" : "111111")));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        var done = await browser.PostAsync("/compte/courriel?handler=Confirm", Fields(("Input.Pending", pending), ("Input.Code", code)));
        Assert.Equal(HttpStatusCode.OK, done.Status);
        Assert.Contains("Votre adresse courriel a été modifiée.", done.Text, StringComparison.Ordinal);

        Assert.Equal(newEmail, await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Email).SingleAsync()));
        var alert = (await server.Mail.WaitForAsync(email, 3))[2];
        Assert.Contains("L'adresse courriel de votre compte a été modifiée", alert.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain(newEmail, alert.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("/compte/ce-n-etait-pas-moi?jeton=", MailServer.LinkIn(alert), StringComparison.Ordinal);

        // This session continues; the new address signs in.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);
        using var again = server.NewBrowser();
        Assert.Equal("/connexion/code", (await again.PostAsync("/", Journeys.Credentials(newEmail), from: "/")).Target);
    }

    [Fact]
    public async Task This_was_not_me_from_an_alert_ends_every_session_disables_the_password_and_mails_a_reset_link()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var intruder = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var changed = await intruder.PostAsync("/compte/mot-de-passe", Fields(
            ("Input.Current", ServerFixture.GoodPassword), ("Input.New", "Erable-Rouge-Automne-47"), ("Input.Confirm", "Erable-Rouge-Automne-47")), from: "/compte/mot-de-passe");
        Assert.Contains("Votre mot de passe a été modifié.", changed.Text, StringComparison.Ordinal);
        var alert = (await server.Mail.WaitForAsync(email, 3))[2];
        var link = new Uri(MailServer.LinkIn(alert));

        using var owner = server.NewBrowser();
        var ask = await owner.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, ask.Status);
        Assert.Contains("Sécuriser mon compte", ask.Text, StringComparison.Ordinal);
        var secured = await owner.PostAsync(link.PathAndQuery, Fields(("jeton", AccountSecurityJourney.Hidden(ask, "jeton"))));
        Assert.Contains("Votre compte est sécurisé", secured.Text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await intruder.GetAsync("/compte")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsync("/", Journeys.Credentials(username, "Erable-Rouge-Automne-47"), from: "/")).Status);
        var reset = (await server.Mail.WaitForAsync(email, 4))[3];
        Assert.Contains("Votre compte a été sécurisé", reset.Subject, StringComparison.Ordinal);
        Assert.Contains("/mot-de-passe-oublie/nouveau?compte=", MailServer.LinkIn(reset), StringComparison.Ordinal);

        var forged = await owner.GetAsync("/compte/ce-n-etait-pas-moi?jeton=abc");
        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("Ce lien n'est pas valide", forged.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_authenticator_app_the_mailed_code_no_longer_suffices_and_each_code_works_once()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        string key;
        IReadOnlyList<string> recovery;
        using (var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1))
        {
            (key, recovery) = await AccountSecurityJourney.EnableAuthenticatorAsync(browser);
        }

        // Neither the key nor the recovery codes are in the database in clear.
        var tokens = await server.WithDatabaseAsync(db => db.UserTokens.Select(t => t.Value ?? "").ToListAsync());
        Assert.DoesNotContain(tokens, t => t.Contains(key.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(tokens, t => recovery.Any(c => t.Contains(c, StringComparison.OrdinalIgnoreCase)));

        using var signIn = server.NewBrowser();
        var afterPassword = await signIn.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal("/connexion/application", afterPassword.Target);
        Assert.Equal("/?avis=SignIn.Notice.StepExpired", (await signIn.GetAsync("/connexion/code")).Target);

        // The code typed at activation cannot be replayed; the next one can, once.
        var replay = await signIn.PostAsync("/connexion/application", Fields(("Input.Code", Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow)))), from: "/connexion/application");
        Assert.Equal(HttpStatusCode.BadRequest, replay.Status);
        Assert.Contains("Ce code n'est pas valide", replay.Text, StringComparison.Ordinal);
        var next = await signIn.PostAsync("/connexion/application", Fields(("Input.Code", Totp.Code(key, Totp.StepAt(DateTimeOffset.UtcNow) + 1))), from: "/connexion/application");
        Assert.Equal("/compte", next.Target);

        // A recovery code works once.
        using var withCode = server.NewBrowser();
        await withCode.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal("/compte", (await withCode.PostAsync("/connexion/code-recuperation", Fields(("Input.Code", recovery[0])), from: "/connexion/code-recuperation")).Target);
        using var reuse = server.NewBrowser();
        await reuse.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal(HttpStatusCode.BadRequest, (await reuse.PostAsync("/connexion/code-recuperation", Fields(("Input.Code", recovery[0])), from: "/connexion/code-recuperation")).Status);
    }

    [Fact]
    public async Task A_trusted_browser_skips_the_second_factor_but_not_before_a_sensitive_change()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = server.NewBrowser();
        await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        var code = await server.Mail.CodeAsync(email, 2);
        var trusted = await browser.PostAsync("/connexion/code", Fields(("Input.Code", code), ("Input.TrustBrowser", "true")), from: "/connexion/code");
        Assert.Equal("/compte", trusted.Target);
        await browser.PostAsync("/deconnexion", Browser.NoFields, from: "/compte");

        var again = await browser.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Equal("/compte", again.Target);
        Assert.StartsWith("/compte/verifier?retour=", (await browser.GetAsync("/compte/mot-de-passe")).Target, StringComparison.Ordinal);

        // Another browser was not trusted.
        using var other = server.NewBrowser();
        Assert.Equal("/connexion/code", (await other.PostAsync("/", Journeys.Credentials(username), from: "/")).Target);
    }

    [Fact]
    public async Task The_signed_in_devices_list_ends_another_session_or_every_session()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var first = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        using var second = await Journeys.SignInAsync(server, username, email, codesBefore: 2);
        using var third = await Journeys.SignInAsync(server, username, email, codesBefore: 3);

        var list = await second.GetAsync("/compte/sessions");
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Matches(list.Html, "<tr>").Count - 1);
        Assert.Contains("ce navigateur", list.Text, StringComparison.Ordinal);
        var ids = System.Text.RegularExpressions.Regex.Matches(list.Html, "[?&;]id=([0-9A-F]{32})").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, ids.Count);

        // Another person's session id is not found.
        var (stranger, strangerEmail) = await Journeys.ConfirmedAccountAsync(server);
        using var strangerBrowser = await Journeys.SignInAsync(server, stranger, strangerEmail, codesBefore: 1);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerBrowser.PostAsync($"/compte/sessions?handler=End&id={ids[0]}", Browser.NoFields, from: "/compte/sessions")).Status);

        await second.PostAsync($"/compte/sessions?handler=End&id={ids[0]}", Browser.NoFields);
        var stillSignedIn = new[] { (await first.GetAsync("/compte")).Status, (await third.GetAsync("/compte")).Status };
        Assert.Single(stillSignedIn, HttpStatusCode.Redirect);

        var everywhere = await second.PostAsync("/compte/sessions?handler=Everywhere", Browser.NoFields, from: "/compte/sessions");
        Assert.Equal("/?avis=SignIn.Notice.SignedOutEverywhere", everywhere.Target);
        Assert.Equal(HttpStatusCode.Redirect, (await first.GetAsync("/compte")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/compte")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await third.GetAsync("/compte")).Status);
        Assert.Equal(0, await server.WithDatabaseAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == username))));
    }

    [Fact]
    public async Task Lost_factors_are_recovered_by_e_mail_only_after_three_days_and_the_account_keeps_its_identity()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using (var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1))
        {
            await AccountSecurityJourney.EnableAuthenticatorAsync(browser);
        }

        var personBefore = await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.PersonId).SingleAsync());
        var mails = (await server.Mail.WaitForAsync(email, 3)).Count;
        using var lost = server.NewBrowser();
        Assert.Equal("/connexion/application", (await lost.PostAsync("/", Journeys.Credentials(username), from: "/")).Target);
        await lost.PostAsync("/recuperation?handler=Send", Browser.NoFields, from: "/recuperation");
        var code = await server.Mail.CodeAsync(email, ++mails);
        var requested = await lost.PostAsync("/recuperation?handler=Code", Fields(("Code", code)));
        Assert.Contains("Votre demande est enregistrée.", requested.Text, StringComparison.Ordinal);
        var notice = (await server.Mail.WaitForAsync(email, ++mails))[mails - 1];
        Assert.Contains("Demande de récupération", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("/compte/ce-n-etait-pas-moi?jeton=", MailServer.LinkIn(notice), StringComparison.Ordinal);

        // Two days later it is not ready; after three it is.
        server.Host.Clock.Advance(TimeSpan.FromDays(2));
        using var early = server.NewBrowser();
        await early.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Contains("Votre demande est enregistrée.", (await early.GetAsync("/recuperation")).Text, StringComparison.Ordinal);

        server.Host.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        using var ready = server.NewBrowser();
        await ready.PostAsync("/", Journeys.Credentials(username), from: "/");
        Assert.Contains("Le délai est écoulé", (await ready.GetAsync("/recuperation")).Text, StringComparison.Ordinal);
        await ready.PostAsync("/recuperation?handler=Send", Browser.NoFields);
        var finish = await ready.PostAsync("/recuperation?handler=Code", Fields(("Code", await server.Mail.CodeAsync(email, ++mails))));
        Assert.Equal("/compte/facteurs?avis=recupere", finish.Target);

        var user = await server.WithDatabaseAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == username));
        Assert.False(user.TwoFactorEnabled);
        Assert.Equal(personBefore, user.PersonId);
        using var after = server.NewBrowser();
        Assert.Equal("/connexion/code", (await after.PostAsync("/", Journeys.Credentials(username), from: "/")).Target);
    }
}
