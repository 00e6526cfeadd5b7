using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Adal.Platform.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IntegrityLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LedgerIndex",
                table: "Documents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Leaf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => new { x.TenantId, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "LedgerKeys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicKey = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerKeys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "LedgerNodes",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerNodes", x => new { x.TenantId, x.Level, x.Index });
                });

            migrationBuilder.CreateTable(
                name: "LedgerOpenings",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Salt = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Value = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerOpenings", x => new { x.TenantId, x.Index, x.Field });
                });

            migrationBuilder.CreateTable(
                name: "LedgerStates",
                columns: table => new
                {
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerStates", x => x.TenantId);
                });

            migrationBuilder.CreateTable(
                name: "LedgerTreeHeads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TreeSize = table.Column<long>(type: "INTEGER", nullable: false),
                    RootHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    TimestampMs = table.Column<long>(type: "INTEGER", nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Signature = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerTreeHeads", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerKeys_TenantId",
                table: "LedgerKeys",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerTreeHeads_TenantId_TreeSize",
                table: "LedgerTreeHeads",
                columns: new[] { "TenantId", "TreeSize" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "LedgerKeys");

            migrationBuilder.DropTable(
                name: "LedgerNodes");

            migrationBuilder.DropTable(
                name: "LedgerOpenings");

            migrationBuilder.DropTable(
                name: "LedgerStates");

            migrationBuilder.DropTable(
                name: "LedgerTreeHeads");

            migrationBuilder.DropColumn(
                name: "LedgerIndex",
                table: "Documents");
        }
    }
}
