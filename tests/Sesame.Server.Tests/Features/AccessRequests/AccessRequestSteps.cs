using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Admin;
using Sesame.Server.Tests.Support;
using Sesame.Testing;

namespace Sesame.Server.Tests.Features.AccessRequests;

/// <summary>The steps of seed 003's story that the tests share: an establishment, a filled form, an operator.</summary>
internal static partial class AccessRequestSteps
{
    public const string NewPassword = "Riviere2026Bleue";

    public sealed record Establishment(Guid Id, string Name, string Installation);

    /// <summary>A synthetic person: capital letters, with a random part so a copy of the database can be searched for it.</summary>
    public sealed record Person(string GivenName, string FamilyName, string Email);

    public static Person NewPerson(string given, string family)
    {
        var suffix = RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZ", 8);
        var id = Guid.NewGuid().ToString("N")[..10];
        return new Person($"{given}{suffix}", $"CÔTÉ-{family}{suffix}", $"{given.ToLowerInvariant()}.{id}@cisss-demo.example");
    }

    /// <summary>An establishment with one installation, allowed to grant seed 003's applications.</summary>
    public static Task<Establishment> EstablishmentAsync(ServerFixture server) => server.WithDatabaseAsync(async db =>
    {
        var id = Guid.NewGuid();
        var number = RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        var name = $"CISSS d'essai {id:N}";
        db.Organizations.Add(new Organization
        {
            Id = id, Kind = OrganizationKind.Establishment, Name = name, CreatedAt = server.Host.Clock.GetUtcNow(),
            Installations = [new Installation { Id = Guid.NewGuid(), OrganizationId = id, Number = number, Name = "Hôpital d'essai" }],
            Services =
            [
                new OrganizationService { OrganizationId = id, ServiceCode = ProfessionalService.OnlinePaymentAuthorization },
                new OrganizationService { OrganizationId = id, ServiceCode = ProfessionalService.ProfessionalAssociation },
            ],
        });
        await db.SaveChangesAsync();
        return new Establishment(id, name, number);
    });

    public static Dictionary<string, string> Form(Establishment establishment, Person user, Person authorizer) => new()
    {
        ["Input.Services"] = ProfessionalService.OnlinePaymentAuthorization,
        ["Input.HasUsername"] = "non",
        ["Input.OrganizationId"] = establishment.Id.ToString(),
        ["Input.UserTitle"] = "Madame",
        ["Input.UserGivenName"] = user.GivenName,
        ["Input.UserFamilyName"] = user.FamilyName,
        ["Input.UserJobTitle"] = "Secrétaire administrative",
        ["Input.UserEmail"] = user.Email,
        ["Input.UserPhone"] = "514 555-0142",
        ["Input.UserExtension"] = "2231",
        ["Input.CommitNotDisclose"] = "true",
        ["Input.CommitPurpose"] = "true",
        ["Input.AuthorizerTitle"] = "Docteur",
        ["Input.AuthorizerGivenName"] = authorizer.GivenName,
        ["Input.AuthorizerFamilyName"] = authorizer.FamilyName,
        ["Input.AuthorizerEmail"] = authorizer.Email,
        ["Input.AuthorizerRole"] = "DirecteurServicesProfessionnels",
        ["Input.Scope"] = "SomeInstallations",
        ["Input.Installations"] = establishment.Installation,
    };

    /// <summary>Submits the form; returns the reference shown and the authorizer's link (path and query).</summary>
    public static async Task<(string Reference, string Link)> SubmitAsync(ServerFixture server, Dictionary<string, string> form, string authorizerEmail)
    {
        using var browser = server.NewBrowser();
        var submitted = await browser.PostAsync("/demande-acces", form, from: "/demande-acces");
        Assert.Equal(System.Net.HttpStatusCode.OK, submitted.Status);
        var reference = SubmittedReference().Match(submitted.Text);
        Assert.True(reference.Success, "The page shows the reference number.");
        var mail = (await server.Mail.WaitForAsync(authorizerEmail)).Single();
        return (reference.Groups[1].Value, new Uri(MailServer.LinkIn(mail)).PathAndQuery);
    }

    /// <summary>Opens the link as the authorizer and answers "Je confirme".</summary>
    public static async Task ConfirmAsync(ServerFixture server, string link)
    {
        using var browser = server.NewBrowser();
        var confirmed = await browser.PostAsync(link + "&handler=Confirm", new Dictionary<string, string> { ["Commit"] = "true" }, from: link);
        Assert.Equal(System.Net.HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("La demande est confirmée", confirmed.Text, StringComparison.Ordinal);
    }

    /// <summary>A confirmed citizen account given the Operator role, signed in.</summary>
    public static async Task<Browser> OperatorAsync(ServerFixture server)
    {
        var (name, email) = await Journeys.ConfirmedAccountAsync(server);
        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
            if (!await roles.RoleExistsAsync(JournalModel.OperatorRole))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(JournalModel.OperatorRole));
            }

            var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
            Assert.True((await users.AddToRoleAsync((await users.FindByNameAsync(name))!, JournalModel.OperatorRole)).Succeeded);
        }

        return await Journeys.SignInAsync(server, name, email, codesBefore: 1);
    }

    public static Task<Guid> RequestIdAsync(ServerFixture server, string reference) =>
        server.WithDatabaseAsync(db => db.AccessRequests.Where(r => r.ReferenceNumber == reference.Replace(" ", "", StringComparison.Ordinal)).Select(r => r.Id).SingleAsync());

    /// <summary>The line after the one that ends with <paramref name="label"/> in a mail: the username or password shown large.</summary>
    public static string ValueAfter(ReceivedMail mail, string label)
    {
        var lines = mail.Text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var at = lines.FindIndex(l => l.EndsWith(label, StringComparison.Ordinal));
        Assert.True(at >= 0, $"\"{label}\" is in the mail.");
        return lines[at + 1];
    }

    public static IReadOnlyList<int> AskedQuestions(Page page) =>
        [.. AnswerField().Matches(page.Html).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct()];

    public static string Answer(int question) => $"Réponse numéro {question}";

    [GeneratedRegex(@"Son numéro de référence est (\d{3} \d{3} \d{3})")]
    private static partial Regex SubmittedReference();

    [GeneratedRegex(@"name=""Input\.Answers\[(\d)\]""")]
    private static partial Regex AnswerField();
}
