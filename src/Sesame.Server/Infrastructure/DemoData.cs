using Microsoft.AspNetCore.Identity;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Organizations;
using Sesame.Server.Features.Invitations;
using Sesame.Core.Services;
using Sesame.Server.Oidc;

namespace Sesame.Server.Infrastructure;

/// <summary>
/// Synthetic people for the run command (Development only): a confirmed citizen account to sign in with at
/// once, its e-mailed codes shown on the development mailbox page. Names from identifiers.md's synthetic set.
/// </summary>
public static class DemoData
{
    public const string Username = "marietremblay";
    public const string Email = "marie.tremblay@exemple.ca";
    public const string Password = "Tulipe-Verte-Hiver-92";

    /// <summary>The "Carnet santé Québec" demo service in samples/, and the secret it is registered with.</summary>
    public const string SampleClientId = "carnet-sante-demo";
    public const string SampleSecret = "demo-secret-carnet-sante-not-for-production-4f1c9a";
    public static readonly Uri SampleOrigin = new("http://localhost:5090");

    /// <summary>The "Rendez-vous santé Québec" demo in samples/ (a professional service), and its secret.</summary>
    public const string RendezVousClientId = "rendez-vous-sante-demo";
    public const string RendezVousSecret = "demo-secret-rendez-vous-sante-not-for-production-8b3e71";
    public static readonly Uri RendezVousOrigin = new("http://localhost:5091");

    /// <summary>A service-to-service client for the benchmark (client credentials only).</summary>
    public const string BenchClientId = "bench";
    public const string BenchSecret = "bench-secret-not-for-production-7d2e";

    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>();
        if (await users.FindByNameAsync(Username) is not null)
        {
            return;
        }

        var registration = scope.ServiceProvider.GetRequiredService<ServiceRegistration>();
        foreach (var service in Services())
        {
            await registration.RegisterAsync(service);
        }

        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var result = await users.CreateAsync(
            new SesameUser
            {
                Id = Guid.CreateVersion7(now),
                UserName = Username,
                Email = Email,
                EmailConfirmed = true,
                CreatedAt = now,
                TermsAcceptedAt = now,
            },
            Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo account could not be created: {string.Join(", ", result.Errors.Select(e => e.Code))}.");
        }

        // An operator, to try the audit journal (/admin/journal).
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        await roles.CreateAsync(new IdentityRole<Guid>(Features.Admin.JournalModel.OperatorRole));
        var operatorAccount = new SesameUser
        {
            Id = Guid.CreateVersion7(now),
            UserName = OperatorUsername,
            Email = "operateur@sesame.localhost",
            EmailConfirmed = true,
            CreatedAt = now,
            TermsAcceptedAt = now,
        };
        if ((await users.CreateAsync(operatorAccount, Password)).Succeeded)
        {
            await users.AddToRoleAsync(operatorAccount, Features.Admin.JournalModel.OperatorRole);
        }

        await SeedOrganizationsAsync(scope.ServiceProvider, now);
    }

    /// <summary>The clinic's designated representative (seed 004), who signs in at /professionnels/connexion.</summary>
    public const string RepresentativeUsername = "representant@clinique-demo.example";

    /// <summary>Follows seed 004's rules: 8 or more characters, starts and ends with a letter, letters and digits.</summary>
    public const string RepresentativePassword = "Vieux2026Port";

    /// <summary>The demo representative's answer to each of the eight security questions.</summary>
    public const string RepresentativeAnswer = "Vieux-Port";

    public const string ClinicName = "Clinique médicale du Vieux-Port (démo)";

    /// <summary>
    /// One clinic with its representative (synthetic: Luc Gagnon of identifiers.md), one GMF, one establishment
    /// with two installations and one OPTILAB cluster, each allowed to grant the services of seeds 003 and 004.
    /// </summary>
    private static async Task SeedOrganizationsAsync(IServiceProvider services, DateTimeOffset now)
    {
        var db = services.GetRequiredService<SesameDbContext>();
        var accounts = services.GetRequiredService<ProfessionalAccounts>();
        var all = ProfessionalService.Catalogue.Select(s => s.Code).ToList();
        Organization Make(OrganizationKind kind, string name, IEnumerable<string> grantable)
        {
            var id = Guid.CreateVersion7(now);
            return new Organization
            {
                Id = id, Kind = kind, Name = name, CreatedAt = now,
                Services = [.. grantable.Select(code => new OrganizationService { OrganizationId = id, ServiceCode = code })],
            };
        }

        var clinic = Make(OrganizationKind.Clinic, ClinicName, [ProfessionalService.RendezVousSante]);
        var gmf = Make(OrganizationKind.Gmf, "GMF des Deux-Rives (démo)", all);
        var establishment = Make(OrganizationKind.Establishment, "Centre intégré de santé et de services sociaux de la Côte (démo)", all);
        establishment.Installations =
        [
            new Installation { Id = Guid.CreateVersion7(now), OrganizationId = establishment.Id, Number = "90001", Name = "Hôpital de la Côte (démo)" },
            new Installation { Id = Guid.CreateVersion7(now), OrganizationId = establishment.Id, Number = "90002", Name = "CLSC du Littoral (démo)" },
        ];
        // An OPTILAB cluster, whose access seed 003 grants "de la grappe de services (OPTILAB)" as a whole.
        var optilab = Make(OrganizationKind.OptilabCluster, "Grappe OPTILAB de la Côte (démo)", [ProfessionalService.OnlinePaymentAuthorization, ProfessionalService.ProfessionalAssociation]);
        db.Organizations.AddRange(clinic, gmf, establishment, optilab);
        await db.SaveChangesAsync();

        var representative = new SesameUser { Id = Guid.CreateVersion7(now), UserName = RepresentativeUsername, CreatedAt = now, TermsAcceptedAt = now };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await accounts.CreateAsync(representative, RepresentativePassword, accounts.Protect(new ProfessionalName(CivilityTitle.Monsieur, "Luc", "Gagnon")),
            [.. SecurityQuestions.All.Select(_ => RepresentativeAnswer)], now);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"The demo representative could not be created: {string.Join(", ", created.Errors.Select(e => e.Code))}.");
        }

        await accounts.JoinAsync(clinic.Id, representative.Id, [ProfessionalService.RendezVousSante], now, designatedRepresentative: true, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>The demo operator (same password as the demo person).</summary>
    public const string OperatorUsername = "operateur";

    /// <summary>Seed 001's list of services that use the government authentication service.</summary>
    private static IEnumerable<ServiceDefinition> Services()
    {
        yield return new ServiceDefinition
        {
            ClientId = "saaqclic", NameFr = "SAAQclic - Service en ligne de la Société de l'assurance automobile du Québec",
            NameEn = "SAAQclic - Online service of the Société de l'assurance automobile du Québec",
            HomePage = "https://saaqclic.exemple.ca/", Sector = "saaq", RequiredLevel = AssuranceLevel.IdentifiedPerson, ListOrder = 1,
        };
        yield return new ServiceDefinition
        {
            ClientId = "certification-educateurs", NameFr = "Service québécois de certification du personnel éducateur de la petite enfance",
            NameEn = "Québec certification service for early childhood educators",
            HomePage = "https://certification-educateurs.exemple.ca/", Sector = "famille", ListOrder = 2,
        };
        yield return new ServiceDefinition
        {
            ClientId = SampleClientId, NameFr = "Carnet santé Québec", NameEn = "Carnet santé Québec (health record)",
            HomePage = SampleOrigin + "", Sector = "ramq", Secret = SampleSecret, ListOrder = 3,
            AllowedClaims = [ReleasableClaims.IdentificationCode, ReleasableClaims.Email],
            RedirectUris = [new Uri(SampleOrigin, "/signin-oidc")],
            PostLogoutRedirectUris = [new Uri(SampleOrigin, "/signout-callback-oidc")],
        };
        yield return new ServiceDefinition
        {
            ClientId = "assurance-medicaments", NameFr = "Inscription au régime public d'assurance médicaments ou désinscription",
            NameEn = "Registration for or withdrawal from the public prescription drug insurance plan",
            HomePage = "https://assurance-medicaments.exemple.ca/", Sector = "ramq", RequiredLevel = AssuranceLevel.IdentifiedPerson, ListOrder = 4,
        };
        yield return new ServiceDefinition
        {
            ClientId = "remplacement-carte", NameFr = "Remplacement d'une carte d'assurance maladie en cas de bris, perte ou vol",
            NameEn = "Replacing a health insurance card that was damaged, lost or stolen",
            HomePage = "https://remplacement-carte.exemple.ca/", Sector = "ramq", RequiredLevel = AssuranceLevel.IdentifiedPerson, ListOrder = 5,
        };
        yield return new ServiceDefinition
        {
            ClientId = "don-organes", NameFr = "Officialisation de mon consentement au don d'organes et de tissus",
            NameEn = "Making my consent to organ and tissue donation official",
            HomePage = "https://don-organes.exemple.ca/", Sector = "ramq", RequiredLevel = AssuranceLevel.IdentifiedPerson, ListOrder = 6,
        };
        yield return new ServiceDefinition
        {
            ClientId = "directives-soins", NameFr = "Expression de mes directives sur les soins en cas d'inaptitude",
            NameEn = "Expressing my advance medical directives in case of incapacity",
            HomePage = "https://directives-soins.exemple.ca/", Sector = "ramq", RequiredLevel = AssuranceLevel.IdentifiedPerson, ListOrder = 7,
        };
        yield return new ServiceDefinition
        {
            ClientId = RendezVousClientId, NameFr = "Rendez-vous santé Québec", NameEn = "Rendez-vous santé Québec (medical appointments)",
            HomePage = RendezVousOrigin + "", Sector = "ramq", Secret = RendezVousSecret, Listed = false,
            ProfessionalServiceCode = ProfessionalService.RendezVousSante,
            AllowedClaims = [ReleasableClaims.IdentificationCode, ReleasableClaims.Organizations],
            RedirectUris = [new Uri(RendezVousOrigin, "/signin-oidc")],
            PostLogoutRedirectUris = [new Uri(RendezVousOrigin, "/signout-callback-oidc")],
            ServiceScopes = [OidcServices.DirectoryScope],
        };
        yield return new ServiceDefinition
        {
            ClientId = BenchClientId, NameFr = "Banc d'essai", NameEn = "Benchmark", HomePage = "http://localhost/",
            Sector = "bench", Secret = BenchSecret, ServiceScopes = [OidcServices.ServiceApiScope], Listed = false,
        };
    }
}
