using System.Security.Cryptography;

namespace Adal.Ledger.Tests;

public sealed class CommitmentTests
{
    [Fact]
    public void A_students_IIN_committed_in_the_ledger_opens_only_with_its_salt_and_value()
    {
        var (commitment, opening) = SaltedCommitment.Commit("040512500123", RandomNumberGenerator.Create());
        Assert.Equal(32, opening.Salt.Length);
        Assert.True(SaltedCommitment.Verify(commitment, opening));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Value = "040512500124" }));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Salt = Build.Flip(opening.Salt, 0) }));
    }

    [Fact]
    public void The_commitment_is_SHA_256_of_label_salt_and_UTF8_value()
    {
        var (commitment, opening) = SaltedCommitment.Commit("Әлия Нұрланқызы", new SeededRandom(1));
        byte[] expected = SHA256.HashData([.. "adal-commit-v1"u8, .. opening.Salt, .. System.Text.Encoding.UTF8.GetBytes("Әлия Нұрланқызы")]);
        Assert.Equal(expected, commitment.Hash.ToArray());
    }

    [Fact]
    public void Committing_the_same_value_twice_gives_unlinkable_commitments()
    {
        var random = RandomNumberGenerator.Create();
        var first = SaltedCommitment.Commit("040512500123", random).Commitment;
        var second = SaltedCommitment.Commit("040512500123", random).Commitment;
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Malformed_openings_never_verify_and_never_throw()
    {
        var (commitment, opening) = SaltedCommitment.Commit("x", new SeededRandom(2));
        Assert.False(SaltedCommitment.Verify(commitment, null));
        Assert.False(SaltedCommitment.Verify(null, opening));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Salt = opening.Salt[..31] }));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Salt = null! }));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Value = null! }));
        Assert.False(SaltedCommitment.Verify(commitment, opening with { Value = "\udc00" }));
    }

    [Fact]
    public void A_commitment_travels_as_base64_and_comes_back_equal()
    {
        var (commitment, _) = SaltedCommitment.Commit("x", new SeededRandom(3));
        Assert.True(Commitment.TryFromBase64(commitment.ToBase64(), out var parsed));
        Assert.Equal(commitment, parsed);
        Assert.False(Commitment.TryFromBase64("bad", out _));
        Assert.False(Commitment.TryFromBase64(null, out _));
    }
}
