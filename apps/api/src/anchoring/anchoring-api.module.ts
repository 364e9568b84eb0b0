import { Module } from '@nestjs/common';
import { AnchorsController } from './anchors.controller.js';
import { BulkHashesBodyParser } from './bulk-hashes-body.parser.js';

/** HTTP face of #anchoring (the services come from the global AnchoringModule). */
@Module({ controllers: [AnchorsController], providers: [BulkHashesBodyParser] })
export class AnchoringApiModule {}
