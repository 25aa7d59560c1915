namespace RendezVousSante;

/// <summary>
/// The "Rendez-vous santé Québec" demo: a professional service that signs clinic staff in through Sesame
/// and finds employees in Sesame's directory by RAMQ username (seed 004, "Ajout dans RVSQ"). An explicit
/// entry point in a namespace (not top-level statements), so that it does not clash with Sesame's own
/// <c>Program</c> where the end-to-end tests reference both.
/// </summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddSesameSignIn();
        builder.Services.AddRazorPages(options => options.Conventions.AuthorizePage("/Clinique"));
        builder.Services.AddSingleton<Roster>();
        builder.Services.AddHttpClient<SesameDirectory>(client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "rendez-vous-sante-af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/erreur");
            app.UseHsts();
        }

        app.UseSecurityHeaders();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        await app.RunAsync();
    }
}
