using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace ReviewWorkflow.Web.Accounts;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

/// <summary>
/// Login and refresh as Identity's API endpoints do them, without the self-service registration,
/// password-reset and e-mail endpoints that MapIdentityApi would also open to anonymous callers:
/// here accounts are created by an administrator only. Unlike Identity's, a refresh token works
/// once (<see cref="RefreshTokens"/>).
/// </summary>
public static class AuthEndpoints
{
    public static void MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/auth").WithTags("Authentication").AllowAnonymous();

        group.MapPost("/login", async Task<Results<SignInHttpResult, ProblemHttpResult>>
            (LoginRequest request, SignInManager<User> signIn, RefreshTokens tokens, CancellationToken ct) =>
        {
            var user = await signIn.UserManager.FindByNameAsync(request.Email ?? "");
            // Lockout on failure: repeated guesses lock the account (Identity options in ServiceSetup).
            var result = user is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(user, request.Password ?? "", lockoutOnFailure: true);
            if (!result.Succeeded)
            {
                var detail = result.IsLockedOut ? "The account is locked after repeated failures; try again later." : "Email or password is wrong.";
                return TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused");
            }
            var principal = await signIn.CreateUserPrincipalAsync(user!);
            await tokens.IssueAsync(principal, user!, family: Guid.NewGuid(), ct);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme); // the bearer handler writes the token response
        }).Produces<AccessTokenResponse>();

        group.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>>
            (RefreshRequest request, SignInManager<User> signIn, RefreshTokens tokens, IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, CancellationToken ct) =>
        {
            var protector = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
            var ticket = protector.Unprotect(request.RefreshToken ?? "");
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
                || !await signIn.CanSignInAsync(user) // deactivated, or a demo account after demo data was switched off
                || await tokens.RedeemAsync(ticket.Principal, user, ct) is not { } family)
                return TypedResults.Problem("The refresh token is invalid, expired or already used.", statusCode: StatusCodes.Status401Unauthorized);
            var principal = await signIn.CreateUserPrincipalAsync(user);
            await tokens.IssueAsync(principal, user, family, ct);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).Produces<AccessTokenResponse>();
    }
}
