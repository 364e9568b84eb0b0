import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Failed logins per key (`email:<address>` or `ip:<address>`) in the current window. */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn('text')
  key: string;

  @Column('integer')
  failures: number;

  @Column('timestamptz')
  windowStartedAt: Date;

  @Column('timestamptz', { nullable: true })
  lockedUntil: Date | null;
}
