import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn, type Relation } from 'typeorm';
import type { Role } from '#core';
import { OrganizationEntity } from '../organizations/organization.entity.js';

@Entity('users')
@Index('ix_users_organization', ['organizationId'])
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column('uuid')
  organizationId: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'fk_users_organization' })
  organization?: Relation<OrganizationEntity>;

  /** Stored lower-case; unique. */
  @Column({ type: 'text', unique: true })
  email: string;

  @Column('text')
  name: string;

  /** argon2id (PHC string with its parameters). */
  @Column('text')
  passwordHash: string;

  @Column('text', { array: true })
  roles: Role[];

  @Column('boolean', { default: true })
  active: boolean;

  /** Access tokens carry it; raised on deactivation, role change and password change (revocation). */
  @Column('integer', { default: 0 })
  tokenVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  @VersionColumn()
  version: number;
}
