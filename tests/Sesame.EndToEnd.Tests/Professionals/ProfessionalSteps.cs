using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Testing;
using static Microsoft.Playwright.Assertions;

namespace Sesame.EndToEnd.Tests.Professionals;

/// <summary>The professional population's pages in French (seeds 003 and 004), and the data the journeys start from.</summary>
public static class ProfessionalSteps
{
    /// <summary>Seed 004's rules: 8 or more characters, starts and ends with a letter, letters and digits.</summary>
    public const string Password = "Vieux2026Port";

    /// <summary>The eight security questions as the pages label them (SecurityQuestion.1 to .8).</summary>
    public static readonly IReadOnlyList<string> Questions =
    [
        "Quel est le nom de votre premier animal de compagnie?",
        "Dans quelle ville êtes-vous né ou née?",
        "Quel est le nom de famille de votre grand-mère maternelle?",
        "Quel était le nom de votre école primaire?",
        "Quel est le prénom de votre meilleur ami ou meilleure amie d'enfance?",
        "Quel a été votre premier emploi?",
        "Quelle était la marque de votre première voiture?",
        "Quel est le titre de votre livre préféré?",
    ];

    /// <summary>A different answer per question, with an accent.</summary>
    public static string Answer(int question) => $"Réponse numéro {question}";

    public static string NewUsername(string name) => $"{name}.{Guid.NewGuid().ToString("N")[..10]}@clinique.exemple";

    /// <summary>
    /// A clinic that may grant every service, and its designated representative holding Rendez-vous santé Québec,
    /// made through the host's services as the server tests do (tests/Sesame.Server.Tests/Support/Professionals.cs).
    /// </summary>
    public static async Task<(string ClinicName, string Username)> ClinicWithRepresentativeAsync(SesameHost host)
    {
        var organizationId = Guid.NewGuid();
        var clinicName = $"Clinique du Fleuve {organizationId.ToString("N")[..8]}";
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var accounts = scope.ServiceProvider.GetRequiredService<ProfessionalAccounts>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        db.Organizations.Add(new Organization
        {
            Id = organizationId, Kind = OrganizationKind.Clinic, Name = clinicName, CreatedAt = now,
            Services = [.. ProfessionalService.Catalogue.Select(s => new OrganizationService { OrganizationId = organizationId, ServiceCode = s.Code })],
        });
        await db.SaveChangesAsync();

        var user = new SesameUser { Id = Guid.CreateVersion7(now), UserName = NewUsername("representant"), CreatedAt = now, TermsAcceptedAt = now };
        var created = await accounts.CreateAsync(user, Password, accounts.Protect(new ProfessionalName(CivilityTitle.Monsieur, "Luc", "Gagnon")),
            [.. SecurityQuestions.All.Select(Answer)], now);
        Assert.True(created.Succeeded, string.Join(", ", created.Errors.Select(e => e.Code)));
        await accounts.JoinAsync(organizationId, user.Id, [ProfessionalService.RendezVousSante], now, true, CancellationToken.None);
        await db.SaveChangesAsync();
        return (clinicName, user.UserName!);
    }

    /// <summary>An establishment with one installation, allowed to grant seed 003's applications.</summary>
    public static async Task<(string Name, string Installation)> EstablishmentAsync(SesameHost host)
    {
        var id = Guid.NewGuid();
        var number = Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var name = $"CISSS du Fleuve {id.ToString("N")[..8]}";
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        db.Organizations.Add(new Organization
        {
            Id = id, Kind = OrganizationKind.Establishment, Name = name, CreatedAt = now,
            Installations = [new Installation { Id = Guid.NewGuid(), OrganizationId = id, Number = number, Name = "Hôpital du Fleuve" }],
            Services =
            [
                new OrganizationService { OrganizationId = id, ServiceCode = ProfessionalService.OnlinePaymentAuthorization },
                new OrganizationService { OrganizationId = id, ServiceCode = ProfessionalService.ProfessionalAssociation },
            ],
        });
        await db.SaveChangesAsync();
        return (name, number);
    }

    /// <summary>On the professional sign-in page: username and password, "Se connecter"; expects the questions page.</summary>
    public static async Task SubmitPasswordAsync(IPage page, string username, string password)
    {
        await page.ExpectPageAsync("fr", "Connexion des professionnels");
        await page.Field("Nom d'utilisateur").FillAsync(username);
        await page.Field("Mot de passe").FillAsync(password);
        await page.Button("Se connecter").ClickAsync();
    }

    /// <summary>Answers the two questions asked, whichever they are, and presses "Continuer".</summary>
    public static async Task AnswerQuestionsAsync(IPage page)
    {
        await page.ExpectPageAsync("fr", "Questions de sécurité");
        await FillAskedAnswersAsync(page, 2);
        await page.Button("Continuer").ClickAsync();
    }

    /// <summary>Fills the answers of the questions the page asks, whichever they are; expects that many.</summary>
    public static async Task FillAskedAnswersAsync(IPage page, int expected)
    {
        var answered = 0;
        for (var question = 1; question <= Questions.Count; question++)
        {
            var field = page.Field(Questions[question - 1]);
            if (await field.CountAsync() == 1)
            {
                await field.FillAsync(Answer(question));
                answered++;
            }
        }

        Assert.Equal(expected, answered);
    }

    /// <summary>The whole professional sign-in from /professionnels/connexion; ends on "Mes organisations".</summary>
    public static async Task SignInAsync(IPage page, string username, string password = Password)
    {
        await page.GotoAsync("/professionnels/connexion");
        await SubmitPasswordAsync(page, username, password);
        await AnswerQuestionsAsync(page);
        await page.ExpectPageAsync("fr", "Mes organisations");
    }

    /// <summary>Fills the eight answers of a form that asks them all (account creation, first password).</summary>
    public static async Task FillEightAnswersAsync(IPage page)
    {
        for (var question = 1; question <= Questions.Count; question++)
        {
            await page.Field(Questions[question - 1]).FillAsync(Answer(question));
        }
    }

    /// <summary>The line after the one that ends with <paramref name="label"/> in a mail: the username or password shown large.</summary>
    public static string ValueAfter(ReceivedMail mail, string label)
    {
        var lines = mail.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var at = lines.FindIndex(l => l.EndsWith(label, StringComparison.Ordinal));
        Assert.True(at >= 0, $"\"{label}\" is in the mail.");
        return lines[at + 1];
    }

    public static Task ExpectMainToContainAsync(IPage page, string text) => Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(text);
}
