using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Testing;

namespace Sesame.Server.Tests.Support;

/// <summary>The steps of seed 004 most professional tests need: an organization with its representative, signing in, inviting, creating the account.</summary>
public static partial class Professionals
{
    /// <summary>Seed 004's rules: 8 or more characters, starts and ends with a letter, letters and digits.</summary>
    public const string Password = "Vieux2026Port";

    /// <summary>A different answer per question, with an accent, so folding and the question binding both matter.</summary>
    public static string Answer(int question) => $"Réponse numéro {question}";

    public static string NewUsername(string name = "pro") => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@clinique.exemple";

    /// <summary>An organization that may grant every service, and a professional who is its designated representative.</summary>
    public static async Task<(Guid OrganizationId, string Username)> RepresentativeAsync(ServerFixture server, string givenName = "Luc", string familyName = "Gagnon")
    {
        var organizationId = Guid.NewGuid();
        await using var scope = server.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        db.Organizations.Add(new Organization
        {
            Id = organizationId, Kind = OrganizationKind.Clinic, Name = $"Clinique d'essai {organizationId:N}", CreatedAt = now,
            Services = [.. ProfessionalService.Catalogue.Select(s => new OrganizationService { OrganizationId = organizationId, ServiceCode = s.Code })],
        });
        await db.SaveChangesAsync();
        var username = await ProfessionalAsync(server, organizationId, givenName, familyName, representative: true, [ProfessionalService.RendezVousSante]);
        return (organizationId, username);
    }

    /// <summary>A professional account made directly (not through an invitation), member of the organization.</summary>
    public static async Task<string> ProfessionalAsync(ServerFixture server, Guid organizationId, string givenName, string familyName, bool representative, string[] services)
    {
        await using var scope = server.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<ProfessionalAccounts>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var user = new SesameUser { Id = Guid.CreateVersion7(now), UserName = NewUsername(), CreatedAt = now, TermsAcceptedAt = now };
        var created = await accounts.CreateAsync(user, Password, accounts.Protect(new ProfessionalName(CivilityTitle.Monsieur, givenName, familyName)),
            [.. SecurityQuestions.All.Select(Answer)], now);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        await accounts.JoinAsync(organizationId, user.Id, services, now, representative, CancellationToken.None);
        await db.SaveChangesAsync();
        return user.UserName!;
    }

    /// <summary>Signs in with the password, then answers the two questions asked.</summary>
    public static async Task<Browser> SignInAsync(ServerFixture server, string username, string? returnUrl = null, Browser? browser = null)
    {
        browser ??= server.NewBrowser();
        var signInPath = returnUrl is null ? "/professionnels/connexion" : $"/professionnels/connexion?retour={Uri.EscapeDataString(returnUrl)}";
        var afterPassword = await browser.PostAsync(signInPath, Credentials(username), from: signInPath);
        Assert.Equal("/professionnels/connexion/questions", afterPassword.Target);
        var asked = AskedQuestions(await browser.GetAsync("/professionnels/connexion/questions"));
        Assert.Equal(2, asked.Count);
        var done = await browser.PostAsync("/professionnels/connexion/questions", asked.ToDictionary(q => $"Input.Answers[{q}]", Answer));
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(returnUrl ?? "/organisations", done.Target);
        return browser;
    }

    public static Dictionary<string, string> Credentials(string username, string password = Password) => new()
    {
        ["Input.Username"] = username,
        ["Input.Password"] = password,
    };

    /// <summary>The numbers of the security questions a page asks, from its answer fields (<c>Input.Answers[n]</c> unless told).</summary>
    public static IReadOnlyList<int> AskedQuestions(Page page, string field = "Input.Answers") =>
        [.. Regex.Matches(page.Html, $@"name=""{Regex.Escape(field)}\[(\d)\]""").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct()];

    public static Dictionary<string, string> Invitation(string email, string hasAccount = "non", string givenName = "Anne", string familyName = "Li") => new()
    {
        ["Input.HasAccount"] = hasAccount,
        ["Input.Title"] = "Madame",
        ["Input.GivenName"] = givenName,
        ["Input.FamilyName"] = familyName,
        ["Input.Email"] = email,
        ["Input.Services"] = ProfessionalService.RendezVousSante,
    };

    /// <summary>The representative adds a user; returns the secret code shown and the link of the mail that arrived.</summary>
    public static async Task<(string Code, string Link)> InviteAsync(ServerFixture server, Browser representative, Guid organizationId, string email, string hasAccount = "non", int mailsBefore = 0)
    {
        var path = $"/organisations/{organizationId}/utilisateurs/ajouter";
        var added = await representative.PostAsync(path, Invitation(email, hasAccount), from: path);
        Assert.Equal(HttpStatusCode.OK, added.Status);
        var code = CodeOn(added);
        var mail = (await server.Mail.WaitForAsync(email, mailsBefore + 1))[mailsBefore];
        return (code, new Uri(MailServer.LinkIn(mail)).PathAndQuery);
    }

    public static string CodeOn(Page page) =>
        SecretCode().Match(page.Html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No secret code on the page.");

    /// <summary>Opens the mailed link and presses "J'accepte"; returns the browser on the account form and the form's acceptance token.</summary>
    public static async Task<(Browser Browser, string Acceptance)> AcceptPolicyAsync(ServerFixture server, string link)
    {
        var browser = server.NewBrowser();
        var policy = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, policy.Status);
        Assert.Contains("J'accepte", policy.Text, StringComparison.Ordinal);
        var form = await browser.PostAsync(link + "&handler=Policy", Browser.NoFields);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        var acceptance = Acceptance().Match(form.Html);
        Assert.True(acceptance.Success);
        return (browser, acceptance.Groups[1].Value);
    }

    public static Dictionary<string, string> Account(string acceptance, string code, string username, string password = Password)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Acceptance"] = acceptance,
            ["Input.Code"] = code,
            ["Input.Username"] = username,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        };
        foreach (var question in SecurityQuestions.All)
        {
            fields[$"Input.Answers[{question - 1}]"] = Answer(question);
        }

        return fields;
    }

    /// <summary>The whole acceptance: policy, then code, username, password and the eight answers.</summary>
    public static async Task<Page> CreateAccountAsync(ServerFixture server, string link, string code, string username, string password = Password)
    {
        var (browser, acceptance) = await AcceptPolicyAsync(server, link);
        using (browser)
        {
            return await browser.PostAsync(link, Account(acceptance, code, username, password));
        }
    }

    [GeneratedRegex(@"class=""sesame-secret-code""><strong>([A-Za-z0-9]{8})</strong>")]
    private static partial Regex SecretCode();

    [GeneratedRegex(@"name=""Input\.Acceptance"" value=""([^""]+)""")]
    private static partial Regex Acceptance();
}
