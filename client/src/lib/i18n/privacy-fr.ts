// Textes français de « m’oublier » et « mes prises sur cet appareil ».
import type { PrivacyKey } from './privacy-en';

export const privacyFr: Record<PrivacyKey, string> = {
  forgetTitle: 'M’oublier',
  forgetIntro:
    'Vos réponses sur vous (tranche d’âge, genre, langue maternelle, accent) seront effacées de notre serveur, et cet appareil ne pourra plus enregistrer ni gérer de prises en votre nom.',
  forgetAlsoTakes: 'Supprimer aussi toutes mes prises',
  forgetKeepTakesNote: 'Sans cette case, vos prises restent dans le corpus, sans votre profil.',
  forgetConfirm: 'M’oublier',
  forgetConfirmWithTakes: 'M’oublier et supprimer mes prises',
  forgetCancel: 'Annuler',
  forgetBusy: 'Effacement…',
  forgetFailed: 'Rien n’a été effacé : {message}. Veuillez réessayer.',
  myTakesTitle: 'Mes prises sur cet appareil',
  myTakesEmpty: 'Vous n’avez encore aucune prise.',
  myTakesLoading: 'Chargement de vos prises…',
  myTakesFailed: 'Vos prises n’ont pas pu être chargées : {message}',
  myTakesRefresh: 'Actualiser',
  myTakesDelete: 'Supprimer',
  myTakesConfirm: 'Supprimer définitivement cette prise ?',
  myTakesConfirmYes: 'Oui, la supprimer',
  myTakesConfirmNo: 'La garder',
  myTakesDeleting: 'Suppression…',
  myTakesDeleteFailed: 'La prise n’a pas été supprimée : {message}',
  myTakesItem: '{when} · {emotion} · {state}',
  state_recording: 'en cours',
  state_finalizing: 'en enregistrement',
  state_saved: 'enregistrée',
  state_failed: 'échouée',
  state_discarded: 'abandonnée',
};
