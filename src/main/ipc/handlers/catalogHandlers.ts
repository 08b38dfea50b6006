import type { CatalogService } from '../../services/catalogService';
import type { HandlerMap } from '../dispatch';

type CatalogChannels =
  | 'catalog:search'
  | 'catalog:searchIndex'
  | 'catalog:getCode'
  | 'catalog:getIcd10'
  | 'catalog:importPreview'
  | 'catalog:importApply';

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

export function catalogHandlers(catalog: CatalogService): Pick<HandlerMap, CatalogChannels> {
  return {
    'catalog:search': ({ query, limit }) => catalog.search(query, limit),
    'catalog:searchIndex': () => catalog.searchIndex(),
    'catalog:getCode': ({ code }) => catalog.getCode(code),
    'catalog:getIcd10': ({ code }) => catalog.getIcd10(code),
    'catalog:importPreview': ({ fileName, contentBase64 }) =>
      catalog.previewImport(fileName, bytesOf(contentBase64)),
    'catalog:importApply': ({ fileName, contentBase64 }) =>
      catalog.applyImport(fileName, bytesOf(contentBase64)),
  };
}
