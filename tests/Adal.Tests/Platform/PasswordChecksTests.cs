using Adal.Platform.Identity;

namespace Adal.Tests.Platform;

public sealed class PasswordChecksTests
{
    private static readonly string Hash = PasswordChecks.Hash("Тіркелу-күні-2026!");

    [Fact]
    public async Task The_right_password_passes_and_a_wrong_one_or_an_unknown_account_does_not()
    {
        Assert.True(await PasswordChecks.VerifyAsync(Hash, "Тіркелу-күні-2026!", default));
        Assert.False(await PasswordChecks.VerifyAsync(Hash, "тіркелу-күні-2026!", default));
        // No account: the same work against a hash nobody has, and never a pass, whatever the password.
        Assert.False(await PasswordChecks.VerifyAsync(null, "", default));
        Assert.False(await PasswordChecks.VerifyAsync(null, "Тіркелу-күні-2026!", default));
    }

    [Fact]
    public async Task Many_checks_at_once_all_get_their_own_answer()
    {
        var checks = Enumerable.Range(0, 12).Select(i => (Right: i % 3 == 0, Task: PasswordChecks.VerifyAsync(Hash, i % 3 == 0 ? "Тіркелу-күні-2026!" : $"wrong {i}", default))).ToList();
        foreach (var (right, task) in checks) Assert.Equal(right, await task);
    }

    [Fact]
    public async Task A_check_whose_client_gave_up_is_not_done()
    {
        using var gone = new CancellationTokenSource();
        gone.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PasswordChecks.VerifyAsync(Hash, "Тіркелу-күні-2026!", gone.Token));
    }
}
