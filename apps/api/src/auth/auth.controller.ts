import { Body, Controller, Get, NotFoundException, Post } from '@nestjs/common';
import { ApiError, DevLoginDto } from '../../../../libs/dto';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, DEMO_USERS, Public, TokenService } from '../../../../libs/auth';
import type { Actor } from '../../../../libs/domain';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly tokens: TokenService) {}

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
  devLogin(@Body() body: DevLoginDto): { token: string; user: Actor } {
    this.assertDev();
    const user = DEMO_USERS.find((u) => u.userId === body.userId);
    if (!user) throw new ApiError(404, 'auth.noDevUser', { userId: body.userId });
    return { token: this.tokens.issue(user), user };
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentActor() actor: Actor): Actor {
    return actor;
  }

  private assertDev(): void {
    // Production has no signing key: these routes do not exist there.
    if (!this.tokens.canIssue) throw new NotFoundException();
  }
}
