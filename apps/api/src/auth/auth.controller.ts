import { Body, Controller, Get, NotFoundException, Post } from '@nestjs/common';
import { ApiError, DevLoginDto } from '../../../../libs/dto';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, DEMO_USERS, Public, TokenService } from '../../../../libs/auth';
import { ApiConfig } from '../../../../libs/config';
import type { Actor } from '../../../../libs/domain';

/** What a console needs to sign in at the OpenID provider (authorization code with PKCE). */
export interface SignInConfig {
  /** The provider's issuer: oidc-client-ts's authority. */
  authority: string;
  discoveryUrl: string;
  clientId: string;
  scope: string;
  /** Development: the dev-login shortcut exists (scripts, tests). */
  devLogin: boolean;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly tokens: TokenService,
    private readonly config: ApiConfig,
  ) {}

  @Public()
  @Get('config')
  @ApiOperation({ summary: 'where the consoles sign in: the OpenID provider, their client id and scopes' })
  async signInConfig(): Promise<SignInConfig> {
    return {
      authority: await this.tokens.issuer(),
      discoveryUrl: this.config.AUTH_OIDC_DISCOVERY_URL,
      clientId: this.config.AUTH_OIDC_CONSOLE_CLIENT_ID,
      scope: this.config.AUTH_OIDC_CONSOLE_SCOPE,
      devLogin: this.tokens.canIssue,
    };
  }

  @Public()
  @Get('dev-users')
  @ApiOperation({ summary: 'development only: the seeded demo users of each role' })
  devUsers(): Actor[] {
    this.assertDev();
    return DEMO_USERS;
  }

  @Public()
  @Post('dev-login')
  @ApiOperation({ summary: 'development only: a token for a seeded demo user' })
  async devLogin(@Body() body: DevLoginDto): Promise<{ token: string; user: Actor }> {
    this.assertDev();
    const user = DEMO_USERS.find((u) => u.userId === body.userId);
    if (!user) throw new ApiError(404, 'auth.noDevUser', { userId: body.userId });
    return { token: await this.tokens.issue(user), user };
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  private assertDev(): void {
    // Production has no signing key (refused at start): these routes do not exist there.
    if (!this.tokens.canIssue) throw new NotFoundException();
  }
}
