// The data source of the TypeORM CLI (`npm run migration:generate` / `migration:run`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '#core';
import { ENTITIES, MIGRATIONS } from './schema.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required by the TypeORM CLI');

export default new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, migrations: MIGRATIONS }));
