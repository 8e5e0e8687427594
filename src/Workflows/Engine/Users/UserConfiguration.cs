using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ExportTaxCheck.Engine.Users;

internal sealed class UserConfiguration : IEntityTypeConfiguration<UserRecord>
{
    public void Configure(EntityTypeBuilder<UserRecord> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(x => x.UserName);
        builder.Property(x => x.UserName).HasMaxLength(100);
        builder.Property(x => x.DisplayName).HasMaxLength(200);
        builder.Property(x => x.Email).HasMaxLength(320);
        builder.Property(x => x.Roles).HasMaxLength(400);
        builder.Property(x => x.PasswordHash).HasMaxLength(400);
        builder.Property(x => x.SecurityStamp).HasMaxLength(64);
    }
}
