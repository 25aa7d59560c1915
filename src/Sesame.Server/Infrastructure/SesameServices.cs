using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.Extensions.Options;
using Sesame.Core.Accounts;
using Sesame.Core.Audit;
using Sesame.Core.Consents;
using Sesame.Core.Data;
using Sesame.Core.Privacy;
using Sesame.Server.Features.Proofing;
using Sesame.Server.Infrastructure.Audit;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Localization;
using Sesame.Server.Infrastructure.Location;
using Sesame.Server.Infrastructure.Logging;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Infrastructure.Security;
using Sesame.Server.Infrastructure.Sessions;

namespace Sesame.Server.Infrastructure;

/// <summary>The composition root: every service the server uses, configured in one place.</summary>
public static class SesameServices
{
    /// <summary>OWASP's 2023 floor for PBKDF2-HMAC-SHA512 (quality.md "passwords").</summary>
    public const int PasswordHashIterations = 210_000;

    public static WebApplicationBuilder AddSesame(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        services.TryAddSingletonTimeProvider();
        builder.AddSesameLogRedaction();
        services.AddOptions<SesameOptions>().Bind(configuration.GetSection(SesameOptions.Section)).ValidateOnStart();
        services.AddOptions<SecretsOptions>().Bind(configuration.GetSection(SecretsOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().Bind(configuration.GetSection(MailOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SecretsOptions>, ProductionSafety>();
        services.AddSingleton<IValidateOptions<MailOptions>, ProductionSafety>();
        services.AddSingleton<IValidateOptions<SesameOptions>, ProductionSafety>();

        var cookies = new CookieSettings(configuration.GetValue<bool>($"{SesameOptions.Section}:{nameof(SesameOptions.LocalHttp)}"));
        services.AddSingleton(cookies);

        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSesameDatabase(database);

        var keyRing = configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        services.AddOptions<KeyRingOptions>().Bind(configuration.GetSection(KeyRingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KeyRingOptions>, ProductionSafety>();
        services.AddDataProtection()
            .SetApplicationName("Sesame")
            .PersistKeysToDbContext<SesameDbContext>()
            .ProtectKeysWithConfiguredCertificates(keyRing);

        services.AddSingleton(sp => new KeyedHasher(Convert.FromBase64String(sp.GetRequiredService<IOptions<SecretsOptions>>().Value.CodeHashKey)));
        services.AddSingleton(_ => LoadCommonPasswords());
        services.AddSingleton<PasswordRules>();
        services.AddSingleton<ProfessionalPasswordRules>();
        services.AddScoped<SecurityAnswerHasher>();
        services.AddScoped<EmailCodeService>();
        services.AddSingleton(sp => new IdentificationCodeKey(Convert.FromBase64String(sp.GetRequiredService<IOptions<SecretsOptions>>().Value.IdentificationCodeKey)));
        services.AddScoped<IdentificationCodes>();
        services.AddSesameProofing(configuration);
        services.AddSingleton(sp => new AuditKey(Convert.FromBase64String(sp.GetRequiredService<IOptions<SecretsOptions>>().Value.AuditKey)));
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditSealer>();
        services.AddScoped<AuditVerifier>();
        services.AddHostedService<AuditSealing>();
        services.AddOptions<RetentionPolicy>().Bind(configuration.GetSection(RetentionPolicy.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<RetentionPolicy>>().Value);
        services.AddScoped<RetentionSweep>();
        services.AddScoped<ClosedAccountDeletion>();
        services.AddHostedService<RetentionSweeping>();

        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = PasswordHashIterations;
        });
        services.AddIdentity<SesameUser, IdentityRole<Guid>>(o =>
            {
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedEmail = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                // The citizen rules (CitizenPasswordValidator) replace Identity's character-class rules.
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredLength = PasswordRules.MinimumLength;
                o.Password.RequiredUniqueChars = 1;
            })
            .AddEntityFrameworkStores<SesameDbContext>()
            .AddUserStore<SesameUserStore>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CitizenPasswordValidator>()
            .AddPasswordValidator<ProfessionalPasswordValidator>();
        // Each population's rules are the only ones (decision 0014): Identity's own length check (10) would refuse
        // seed 004's 8-character professional passwords, and its user validator requires an e-mail professionals
        // do not have.
        foreach (var replaced in services.Where(d =>
                     (d.ServiceType == typeof(IPasswordValidator<SesameUser>) && d.ImplementationType == typeof(PasswordValidator<SesameUser>))
                     || d.ServiceType == typeof(IUserValidator<SesameUser>)).ToList())
        {
            services.Remove(replaced);
        }

        services.AddScoped<IUserValidator<SesameUser>, PopulationUserValidator>();
        services.AddScoped<Features.Organizations.RepresentativeScope>();
        services.AddScoped<Features.Invitations.ProfessionalAccounts>();
        services.AddScoped<Features.Organizations.InvitationSender>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
        services.AddSingleton<DummyPassword>();
        services.AddScoped<SecondFactors>();
        services.AddScoped<SessionOpener>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddScoped<SessionRenewal>();
        services.AddScoped<AccountLinks>();
        services.AddHttpContextAccessor();
        services.Configure<IdentityPasskeyOptions>(o =>
        {
            // A passkey alone signs in (issue 5), so the authenticator must verify the person (PIN, biometric)
            // and keep the credential itself (discoverable), as W3C WebAuthn §5.4.6 calls it.
            o.UserVerificationRequirement = "required";
            o.ResidentKeyRequirement = "required";
            // The default compares the credential's origin with the request's Origin header, which browsers send
            // as "null" on a form's POST under Sesame's "Referrer-Policy: no-referrer": compare it with the origin
            // the request was made to instead, and refuse cross-origin frames as the default does.
            o.ValidateOrigin = context => ValueTask.FromResult(!context.CrossOrigin && IsOwnOrigin(context.HttpContext.Request, context.Origin));
        });
        services.AddOptions<LocationOptions>().Bind(configuration.GetSection(LocationOptions.Section));
        var location = configuration.GetSection(LocationOptions.Section).Get<LocationOptions>() ?? new LocationOptions();
        if (string.IsNullOrWhiteSpace(location.DatabasePath))
        {
            services.AddSingleton<IPlaceLocator, NoPlaceLocator>();
        }
        else
        {
            services.AddSingleton<IPlaceLocator>(_ => new MaxMindPlaceLocator(location.DatabasePath));
        }

        services.AddScoped<LocationAlerts>();
        services.AddScoped<Features.Manage.AccountClosing>();
        services.Configure<SecurityStampValidatorOptions>(SessionClaims.KeepOnRefresh);

        services.AddSingleton<DatabaseTicketStore>();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseDatabaseTicketStore>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = cookies.Name("sesame");
            o.Cookie.SecurePolicy = cookies.SecurePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = DatabaseTicketStore.IdleTimeout;
            o.SlidingExpiration = true;
            o.LoginPath = "/";
            o.LogoutPath = "/deconnexion";
            o.AccessDeniedPath = "/erreur/403";
            o.ReturnUrlParameter = "retour";
        });
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, UseSharedTimeProvider>();
        // "Faire confiance à ce navigateur pendant 30 jours" (issue 5): Identity's remember-client cookie, tied
        // to the security stamp, so a password change or "sign out everywhere" forgets every trusted browser.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o =>
        {
            o.Cookie.Name = cookies.Name("sesame-trusted");
            o.Cookie.SecurePolicy = cookies.SecurePolicy;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.Path = "/";
            o.ExpireTimeSpan = TimeSpan.FromDays(30);
        });
        services.AddSingleton<PendingSteps>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = cookies.Name("sesame-af");
            o.Cookie.SecurePolicy = cookies.SecurePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__af";
        });

        // French pages: write accented letters as they are rather than as character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Features";
                o.Conventions.AuthorizeFolder("/Manage");
                o.Conventions.AuthorizeFolder("/Proofing");
            })
            .AddMvcOptions(o =>
            {
                o.Filters.Add<ApplyChosenLanguage>();
                o.Filters.Add<ConcurrencyConflicts>();
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddSesameRateLimits();

        services.AddScoped<MailOutbox>();
        services.AddScoped<MailTemplates>();
        services.AddScoped<SecurityCodeSender>();
        services.AddSingleton<OutboxSender>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxSender>());
        services.AddHealthChecks();
        return builder;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (!services.Any(d => d.ServiceType == typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }

    /// <summary>Whether a WebAuthn client origin is the scheme, host and port this request was made to.</summary>
    private static bool IsOwnOrigin(HttpRequest request, string? origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var claimed)
        && Uri.TryCreate($"{request.Scheme}://{request.Host.ToUriComponent()}", UriKind.Absolute, out var own)
        && Uri.Compare(claimed, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0
        && claimed.AbsolutePath == "/";

    private static CommonPasswordList LoadCommonPasswords()
    {
        using var stream = typeof(SesameServices).Assembly.GetManifestResourceStream("Sesame.Server.CommonPasswords.json")
            ?? throw new InvalidOperationException("The common-password list was not embedded at build time.");
        return CommonPasswordList.FromJson(stream);
    }
}

/// <summary>Cookie expiry follows the same clock as the rest of the server (a fake one in tests).</summary>
public sealed class UseSharedTimeProvider(TimeProvider time) : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options) => options.TimeProvider = time;
}
